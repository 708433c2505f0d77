namespace Audio2Midi.Notes;

/// <summary>Picks the MIDI note for a sung (fractional) pitch: nearest semitone, or nearest note of a key and scale.</summary>
public static class ScaleSnapper
{
    private static readonly int[] Major = [0, 2, 4, 5, 7, 9, 11];
    private static readonly int[] NaturalMinor = [0, 2, 3, 5, 7, 8, 10];
    private static readonly int[] HarmonicMinor = [0, 2, 3, 5, 7, 8, 11];
    private static readonly int[] MajorPentatonic = [0, 2, 4, 7, 9];
    private static readonly int[] MinorPentatonic = [0, 3, 5, 7, 10];

    /// <summary>The scale degrees (semitones above the key) of <paramref name="scale"/>; all twelve for chromatic.</summary>
    public static ReadOnlySpan<int> Degrees(Scale scale) => scale switch
    {
        Scale.Major => Major,
        Scale.NaturalMinor => NaturalMinor,
        Scale.HarmonicMinor => HarmonicMinor,
        Scale.MajorPentatonic => MajorPentatonic,
        Scale.MinorPentatonic => MinorPentatonic,
        _ => ReadOnlySpan<int>.Empty,
    };

    /// <summary>
    /// Nearest allowed note to <paramref name="midi"/>. <paramref name="key"/> is the pitch class of the
    /// tonic (0 = C). Ties go to the lower note. Allocation-free.
    /// </summary>
    public static int Snap(double midi, Scale scale, int key)
    {
        int nearest = (int)Math.Ceiling(midi - 0.5); // nearest, ties down
        if (scale == Scale.Chromatic) return nearest;
        ReadOnlySpan<int> degrees = Degrees(scale);
        key = ((key % 12) + 12) % 12;
        int best = nearest;
        double bestDistance = double.MaxValue;
        for (int candidate = nearest - 2; candidate <= nearest + 2; candidate++)
        {
            int pitchClass = (((candidate - key) % 12) + 12) % 12;
            if (degrees.IndexOf(pitchClass) < 0) continue;
            double distance = Math.Abs(candidate - midi);
            if (distance < bestDistance - 1e-9) { bestDistance = distance; best = candidate; }
        }
        return best;
    }
}
