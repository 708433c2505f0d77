using Audio2Midi.Placement;

namespace Audio2Midi.Training.Commands;

/// <summary>The `--latency MS` check that `transcribe` and `evaluate` share, and the lists of steps other options take.</summary>
public static class LatencyOption
{
    /// <summary>Null if <paramref name="ms"/> is a plugin step usable here, else the error to print.</summary>
    public static string? Problem(int ms, bool live)
    {
        if (!LatencySteps.IsStep(ms)) return $"error: --latency must be one of the plugin's steps: {LatencySteps.List} (ms)";
        if (ms != 0 && !live) return "error: --latency is a live setting: add --live (offline notes are always placed where they were sung)";
        return null;
    }

    /// <summary>
    /// A comma-separated list of Latency steps in ms (0 = Instant) given to <paramref name="option"/>: each once, in the
    /// plugin's order; at least one.
    /// </summary>
    public static int[] ParseSteps(string text, string option)
    {
        int[] steps = TrainF0Command.ParseNumbers(text, option, "a Latency step in ms")
            .Select(ms => ms is >= 0 and <= 100_000 && ms == Math.Round(ms) && LatencySteps.IsStep((int)ms) ? (int)ms
                : throw new ArgumentException($"{option}: {ms} is not a Latency step ({LatencySteps.List} ms)"))
            .ToArray();
        if (steps.Length == 0) throw new ArgumentException($"{option}: name at least one Latency step");
        return LatencySteps.Milliseconds.Where(steps.Contains).ToArray();
    }
}
