namespace Audio2Midi.Models;

/// <summary>Thresholds of the note decoder (<see cref="Notes.PosteriorNoteDecoder"/>); stored in a model's manifest.</summary>
public sealed record DecoderSettings
{
    /// <summary>A note starts where the best onset probability rises through this.</summary>
    public double OnsetThreshold { get; init; } = 0.5;

    /// <summary>A note also starts where one pitch's frame probability stays above this for <see cref="FrameStartFrames"/> frames without an onset.</summary>
    public double FrameThreshold { get; init; } = 0.5;

    /// <summary>A sounding note ends when its frame probability falls below this (hysteresis below <see cref="FrameThreshold"/>).</summary>
    public double FrameOffThreshold { get; init; } = 0.3;

    /// <summary>Frames of steady frame activation that start a note without an onset, or move a sounding note to another pitch.</summary>
    public int FrameStartFrames { get; init; } = 3;

    /// <summary>Frames a sounding note's pitch must stay below <see cref="FrameOffThreshold"/> before the note ends (dated at the first).</summary>
    public int ReleaseFrames { get; init; } = 2;

    /// <summary>After an onset, frames the frame head must name the same pitch before the note starts (dated at the onset).</summary>
    public int OnsetSettleFrames { get; init; } = 1;

    /// <summary>
    /// A note that moves to another pitch within this many frames of its start hands its onset to the new note
    /// (a scoop into the pitch, not two notes); 0 = never.
    /// </summary>
    public int RepitchWithinFrames { get; init; }

    public void Validate()
    {
        if (OnsetThreshold is <= 0 or >= 1 || FrameThreshold is <= 0 or >= 1 || FrameOffThreshold is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(OnsetThreshold), "decoder thresholds must lie in (0, 1)");
        if (FrameOffThreshold > FrameThreshold) throw new ArgumentOutOfRangeException(nameof(FrameOffThreshold), FrameOffThreshold, "the off threshold must not exceed the frame threshold");
        if (OnsetSettleFrames is < 1 or > 9) throw new ArgumentOutOfRangeException(nameof(OnsetSettleFrames), OnsetSettleFrames, "onset settle must be 1..9 frames");
        if (RepitchWithinFrames is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(RepitchWithinFrames), RepitchWithinFrames, "repitch window must be 0..100 frames");
        if (ReleaseFrames is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(ReleaseFrames), ReleaseFrames, "release must be 1..100 frames");
        if (FrameStartFrames is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(FrameStartFrames), FrameStartFrames, "frame start must be 1..100 frames");
    }
}
