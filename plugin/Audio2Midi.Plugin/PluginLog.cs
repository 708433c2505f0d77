using System.Globalization;
using Audio2Midi.Presets;

namespace Audio2Midi.Plugin;

/// <summary>
/// The plugin's log: one line per preset load, failure and fallback, appended to
/// <c>Audio2Midi/plugin.log</c> beside the user preset folder. Never called on the audio thread; a log that
/// cannot be written is skipped (a plugin must not fail for its log). The last line is kept for tests. A log that has
/// reached <see cref="MaxBytes"/> becomes <c>plugin.log.1</c> (replacing the one before) and a new one starts, so it
/// never grows without bound (issue 18).
/// </summary>
internal static class PluginLog
{
    private static readonly Lock s_gate = new();

    /// <summary>The size at which the log is rotated: ample for months of preset loads.</summary>
    public const long MaxBytes = 1 << 20;

    public static string Path => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(PresetFolders.User)!, "plugin.log");

    /// <summary>The one old log kept.</summary>
    public static string OldPath => Path + ".1";

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
                var current = new FileInfo(Path);
                if (current.Exists && current.Length >= MaxBytes) File.Move(Path, OldPath, overwrite: true);
                File.AppendAllText(Path, line + Environment.NewLine);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
