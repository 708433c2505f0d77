namespace Audio2Midi.Labels;

/// <summary>Pitch range and target widths of the frame labels. Pitches are MIDI numbers (60 = middle C).</summary>
public sealed record LabelSettings
{
    public int MinPitch { get; init; } = 36;

    /// <summary>Highest labelled pitch, inclusive.</summary>
    public int MaxPitch { get; init; } = 84;

    /// <summary>Frames marked as onset from a note's first frame on.</summary>
    public int OnsetWidthFrames { get; init; } = 1;

    /// <summary>Frames marked as offset from the first frame after a note on.</summary>
    public int OffsetWidthFrames { get; init; } = 1;

    public int PitchCount => MaxPitch - MinPitch + 1;

    /// <summary>Classes of the single-label target: 0 = silence, 1 + (pitch - MinPitch) for each pitch.</summary>
    public int ClassCount => PitchCount + 1;

    public void Validate()
    {
        if (MinPitch is < 0 or > 127 || MaxPitch is < 0 or > 127 || MaxPitch < MinPitch)
            throw new ArgumentOutOfRangeException(nameof(MinPitch), $"pitch range {MinPitch}..{MaxPitch} must lie within 0..127, low to high");
        if (OnsetWidthFrames is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(OnsetWidthFrames), OnsetWidthFrames, "onset width must be 1..100 frames");
        if (OffsetWidthFrames is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(OffsetWidthFrames), OffsetWidthFrames, "offset width must be 0..100 frames");
    }
}
