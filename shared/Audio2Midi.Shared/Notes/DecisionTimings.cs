namespace Audio2Midi.Notes;

/// <summary>
/// How long each rule of the note segmenter waits before it decides: the live engine's trade-off between
/// speed and robustness. Each rule dates what it decides back to where the evidence began (the first
/// confirming frame), so with a Latency budget waiting longer costs nothing in where a note is placed,
/// only in when it is decided; <see cref="Placement.LatencyProfile"/> picks the timings for each budget.
/// Fixed for an engine's life (the plugin builds one engine per Latency step).
/// </summary>
public sealed record DecisionTimings
{
    /// <summary>How long pitch must be voiced and steady before a NoteOn.</summary>
    public double OnsetConfirmMs { get; init; } = 15;

    /// <summary>
    /// A pitch still gliding or scooping into a note may start it once it slows down: each 5 ms step at
    /// most this fraction of the previous one. The note is then the pitch the glide will come to rest
    /// on (<see cref="ApproachPredictor"/>). 0 waits for the pitch to be steady. The Instant value was
    /// chosen on synthetic singing (0.6 / 0.75 / 0.85 gave live COnP F1 0.39 / 0.41 / 0.38).
    /// </summary>
    public double ApproachStepRatio { get; init; } = 0.75;

    /// <summary>How long the pitch must sit steadily on another semitone before a clear legato note change.</summary>
    public double LegatoConfirmMs { get; init; } = 15;

    /// <summary>Half the time a small legato step (less than a clear change, or within the note's vibrato) must hold.</summary>
    public double PitchChangeConfirmMs { get; init; } = 20;

    /// <summary>How long the voice must be gone, with its level fallen, before a NoteOff.</summary>
    public double ReleaseConfirmMs { get; init; } = 20;

    /// <summary>The timings of the Instant engine (notes as soon as they are decided).</summary>
    public static DecisionTimings Instant { get; } = new();

    public void Validate()
    {
        foreach (double ms in new[] { OnsetConfirmMs, LegatoConfirmMs, PitchChangeConfirmMs, ReleaseConfirmMs })
            if (!(ms >= 1 && ms <= 500)) throw new ArgumentOutOfRangeException(nameof(DecisionTimings), ms, "decision times must be 1-500 ms");
        if (!(ApproachStepRatio >= 0 && ApproachStepRatio < 1)) throw new ArgumentOutOfRangeException(nameof(ApproachStepRatio), ApproachStepRatio, "must be 0 (off) to below 1");
    }
}
