namespace Audio2Midi.PluginSoak;

/// <summary>
/// Measured commands on the published native plugin (DESIGN.md section 6: speed and robustness are measured, not timed
/// in tests). Run from the repository root:
/// <code>
/// dotnet run -c Release --project tests/Audio2Midi.PluginSoak -- wakeups [--seconds 60] [--preset NAME]
/// dotnet run -c Release --project tests/Audio2Midi.PluginSoak -- soak [--minutes 60] [--seed 1]
/// </code>
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("""
                usage: PluginSoak wakeups [--seconds S] [--preset NAME]
                         wake-ups per second of each plugin thread over S seconds (default 60) of silence paced in real
                         time, from /proc/self/task/TID/status (voluntary context switches); every preset, or those whose
                         name contains NAME
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
                "wakeups" => Wakeups.Run(Option(args, "--seconds", 60), Text(args, "--preset")),
                "soak" => Soak.Run(Option(args, "--minutes", 60), (int)Option(args, "--seed", 1), args.Contains("--verbose")),
                _ => Fail($"unknown command '{args[0]}' (wakeups or soak)"),
            };
        }
        catch (ArgumentException e)
        {
            return Fail(e.Message);
        }
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
