using System.Globalization;
using Audio2Midi.Presets;

namespace Audio2Midi.Plugin;

/// <summary>
/// The plugin's log: one line per preset load, failure and fallback, appended to
/// <c>Audio2Midi/plugin.log</c> beside the user preset folder. Never called on the audio thread; a log that
/// cannot be written is skipped (a plugin must not fail for its log). The last line is kept for tests.
/// </summary>
internal static class PluginLog
{
    private static readonly Lock s_gate = new();

    public static string Path => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(PresetFolders.User)!, "plugin.log");

    public static string? Last { get; private set; }

    public static void Write(string message)
    {
        string line = $"{DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} {message}";
        lock (s_gate)
        {
            Last = message;
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                File.AppendAllText(Path, line + Environment.NewLine);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
