using System.Diagnostics;

namespace Audio2Midi.Plugin.Tests.Host;

/// <summary>
/// An X server for the editor tests: the one DISPLAY names, or a private Xvfb (Debian's `xvfb`) started for the test
/// run and named to the native plugin (<see cref="ProcessEnvironment"/>). Missing both, the tests skip naming the package; CI sets
/// AUDIO2MIDI_REQUIRE_TOOLS=1 (`.ci/run` installs xvfb), and there they fail instead.
/// </summary>
internal static class XvfbDisplay
{
    private static readonly Lazy<string?> s_display = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static Process? s_server;

    /// <summary>The display to use; skips (or fails under AUDIO2MIDI_REQUIRE_TOOLS=1) when there is none.</summary>
    public static string Require()
    {
        string? display = s_display.Value;
        if (display is not null) return display;
        const string missing = "no X server: set DISPLAY or install Debian's xvfb (apt-get install xvfb)";
        if (Environment.GetEnvironmentVariable("AUDIO2MIDI_REQUIRE_TOOLS") == "1") Assert.Fail(missing + " (AUDIO2MIDI_REQUIRE_TOOLS=1: this run must not skip it)");
        throw new SkipException(missing);
    }

    private static string? Start()
    {
        if (!OperatingSystem.IsLinux()) return null;
        if (Environment.GetEnvironmentVariable("DISPLAY") is { Length: > 0 } existing) return existing;
        string? xvfb = new[] { "/usr/bin/Xvfb", "/usr/local/bin/Xvfb" }.FirstOrDefault(File.Exists);
        if (xvfb is null) return null;
        string display = $":{90 + Environment.ProcessId % 800}";
        var psi = new ProcessStartInfo(xvfb) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in new[] { display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp" }) psi.ArgumentList.Add(a);
        s_server = Process.Start(psi);
        if (s_server is null) return null;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { s_server.Kill(); } catch (InvalidOperationException) { } };
        ProcessEnvironment.Set("DISPLAY", display);
        // Wait for the server's socket.
        string socket = $"/tmp/.X11-unix/X{display[1..]}";
        for (int i = 0; i < 100 && !File.Exists(socket); i++) Thread.Sleep(50);
        return File.Exists(socket) ? display : null;
    }
}
