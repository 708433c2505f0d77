using System.Diagnostics;
using Audio2Midi.Presets;

namespace Audio2Midi.Plugin;

/// <summary>
/// "Open presets folder" in the plugin's window: the user's preset folder, made if missing, shown in the system's
/// file manager (xdg-open on Linux, Explorer on Windows). UI thread; a missing opener is logged, never thrown.
/// </summary>
internal static class PresetFolderOpener
{
    public static void Open()
    {
        string folder = PresetFolders.User;
        try
        {
            Directory.CreateDirectory(folder);
            var psi = OperatingSystem.IsWindows() ? new ProcessStartInfo("explorer.exe") : new ProcessStartInfo("xdg-open");
            psi.ArgumentList.Add(folder);
            psi.UseShellExecute = false;
            using Process? p = Process.Start(psi);
            PluginLog.Write($"opened the presets folder {folder}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // NativeAOT keeps no exception messages: say what is missing.
            PluginLog.Write($"cannot open the presets folder {folder}: {(OperatingSystem.IsWindows() ? "explorer.exe did not start" : "no xdg-open (Debian: apt-get install xdg-utils)")}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            PluginLog.Write($"cannot open the presets folder {folder}: {EngineStatusText.Reason(e)}");
        }
    }
}
