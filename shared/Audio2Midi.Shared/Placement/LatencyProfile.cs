using Audio2Midi.Pitch;

namespace Audio2Midi.Placement;

/// <summary>
/// What the pYIN engine does with a Latency step's budget. The pitch decoder may wait
/// <see cref="DecoderLagFrames"/> before deciding (a better pitch track); a note decided within
/// <see cref="SettleWithinMs"/> of its sung start has not been heard yet, so it may still move to the
/// semitone it settles on; and the placement stage strikes out notes that prove shorter than the
/// minimum before they leave.
/// </summary>
public sealed record LatencyProfile(int DelayMs, int DecoderLagFrames, double SettleWithinMs)
{
    /// <summary>The offline transcription's budget: 100 ms of decoder lag, notes settle within 275 ms.</summary>
    public static LatencyProfile Offline { get; } = new(-1, 20, 275);

    /// <summary>The profile of a Latency step (<see cref="LatencySteps"/>).</summary>
    public static LatencyProfile ForStep(int delayMs)
    {
        if (delayMs < 0) throw new ArgumentOutOfRangeException(nameof(delayMs), delayMs, "a latency step is 0 or more milliseconds");
        return new LatencyProfile(delayMs, DecoderLagFor(delayMs), delayMs);
    }

    /// <summary>
    /// Decoder lag for a budget: each frame (5 ms) spent here is taken from the time a note has to settle.
    /// Chosen on the synthetic dev set and hust-solfege (README, "Latency").
    /// </summary>
    public static int DecoderLagFor(int delayMs) => delayMs switch
    {
        < 60 => 0,
        < 120 => 0,
        _ => 0,
    };

    public PyinSettings Apply(PyinSettings pyin) => pyin with { DecoderLagFrames = DecoderLagFrames };
}
