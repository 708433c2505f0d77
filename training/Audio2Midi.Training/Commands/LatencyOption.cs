using Audio2Midi.Placement;

namespace Audio2Midi.Training.Commands;

/// <summary>The `--latency MS` check that `transcribe` and `evaluate` share.</summary>
public static class LatencyOption
{
    /// <summary>Null if <paramref name="ms"/> is a plugin step usable here, else the error to print.</summary>
    public static string? Problem(int ms, bool live)
    {
        if (!LatencySteps.IsStep(ms)) return $"error: --latency must be one of the plugin's steps: {LatencySteps.List} (ms)";
        if (ms != 0 && !live) return "error: --latency is a live setting: add --live (offline notes are always placed where they were sung)";
        return null;
    }
}
