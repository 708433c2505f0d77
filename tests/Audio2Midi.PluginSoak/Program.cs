namespace Audio2Midi.PluginSoak;

/// <summary>
/// Measured commands on the published native plugin (DESIGN.md section 6: speed and robustness are measured, not timed
/// in tests). Run from the repository root:
/// <code>
/// dotnet run -c Release --project tests/Audio2Midi.PluginSoak -- process-cost [--seconds 60] [--preset NAME]
/// dotnet run -c Release --project tests/Audio2Midi.PluginSoak -- wakeups [--seconds 60] [--preset NAME]
/// dotnet run -c Release --project tests/Audio2Midi.PluginSoak -- soak [--minutes 60] [--seed 1]
/// dotnet run -c Release --project tests/Audio2Midi.PluginSoak -- abuse [--seeds 9] [--calls 20000]
/// dotnet run -c Release --project tests/Audio2Midi.PluginSoak -- editor [--seconds 10] [--wav FILE] [--png OUT]
/// dotnet run -c Release --project tests/Audio2Midi.PluginSoak -- sdk-editorhost PATH/TO/editorhost [--seconds 8] [--png OUT]
/// </code>
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("""
                usage: PluginSoak process-cost [--seconds S] [--preset NAME]
                         cost of each 128-frame process call at 48 kHz over S seconds (default 60) of sung-like audio on
                         the default preset (or NAME): wall and thread-CPU median, p99, p99.9 and max against the 2.67 ms
                         budget; fails when the CPU p99.9 (wall p99 off Linux) is over it
                       PluginSoak wakeups [--seconds S] [--preset NAME]
                         wake-ups per second of each plugin thread over S seconds (default 60) of silence paced in real
                         time, from /proc/self/task/TID/status (voluntary context switches); pYIN, the shipped presets and the test models, or those whose
                         name contains NAME
                       PluginSoak editor [--seconds S] [--wav FILE] [--png OUT] [--preset NAME]
                         the plugin's window at 30 frames a second while FILE (default examples/vocadito_10.wav) plays
                         in real time: CPU of the UI thread (target <= 5 % of one core); --png saves the window at the end.
                         Needs an X server (DISPLAY, or Debian's xvfb)
                       PluginSoak sdk-editorhost EDITORHOST [--seconds S] [--png OUT]
                         the window in the VST3 SDK's editorhost (build it from Steinberg's public vst3sdk; not in this
                         repository), opened twice with a component handler: passes when the host still runs after S
                         seconds (default 8) and the window is drawn on screen; --png saves the screen. Needs an X server
                       PluginSoak abuse [--seeds N] [--calls C]
                         the random-abuse host of the plugin tests, longer: C random host calls (default 20000) for each
                         of seeds 1..N (default 9); prints the first broken invariant of each seed
                       PluginSoak soak [--minutes M] [--seed N] [--verbose]
                         M minutes (default 60) of generated singing, silence and noise through the bundle as fast as it
                         goes, with preset switches every 30 s, Latency changes every 45 s, bypass toggles and state
                         save/load every minute; prints memory each minute and checks the invariants (--verbose: every
                         status change)
                """);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            return args[0] switch
            {
                "process-cost" => ProcessCost.Run(Option(args, "--seconds", 60), Text(args, "--preset")),
                "wakeups" => Wakeups.Run(Option(args, "--seconds", 60), Text(args, "--preset")),
                "editor" => EditorCost.Run(Option(args, "--seconds", 10), Text(args, "--wav") ?? "examples/vocadito_10.wav", Text(args, "--png"), Text(args, "--preset")),
"sdk-editorhost" => SdkEditorHostCheck.Run(args.Length > 1 ? args[1] : throw new ArgumentException("sdk-editorhost: give the editorhost's path"), Option(args, "--seconds", 8), Text(args, "--png")),
                "abuse" => Abuse((int)Option(args, "--seeds", 9), (int)Option(args, "--calls", 20000)),
                "soak" => Soak.Run(Option(args, "--minutes", 60), (int)Option(args, "--seed", 1), args.Contains("--verbose")),
                _ => Fail($"unknown command '{args[0]}' (process-cost, wakeups, editor, sdk-editorhost, abuse or soak)"),
            };
        }
        catch (ArgumentException e)
        {
            return Fail(e.Message);
        }
    }

    private static int Abuse(int seeds, int calls)
    {
        Console.WriteLine($"# random-abuse host: {calls} calls per seed, seeds 1..{seeds}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        int failed = 0;
        for (int seed = 1; seed <= seeds; seed++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            int s = seed;
            string? broken = Audio2Midi.Plugin.Tests.Host.AbuseHost.Run(seed, calls, out var host,
                done => Console.Error.WriteLine($"  seed {s}: {done} of {calls} calls, {clock.Elapsed.TotalSeconds:0} s"));
            Console.WriteLine($"seed {seed}: {host.Calls} calls, {host.Blocks} process calls, {host.NoteOns} NoteOns, {clock.Elapsed.TotalSeconds:0} s: {broken ?? "no invariant broken"}");
            if (broken is not null) failed++;
        }
        Console.WriteLine(failed == 0 ? "abuse passed" : $"ABUSE FAILED for {failed} seeds");
        return failed == 0 ? 0 : 1;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 2;
    }

    private static string? Text(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        if (i < 0) return null;
        if (i + 1 >= args.Length) throw new ArgumentException($"{name} needs a value");
        return args[i + 1];
    }

    private static double Option(string[] args, string name, double fallback)
    {
        string? text = Text(args, name);
        if (text is null) return fallback;
        if (!double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out double v) || v <= 0)
            throw new ArgumentException($"{name} must be a positive number, not '{text}'");
        return v;
    }
}
