namespace Audio2Midi.Notes;

/// <summary>
/// The robust centre of a stretch of f0 that names a note: its median. One function for the decoder and for the
/// training labels (the delta a head learns is the note's pitch minus this over the frames it has heard).
/// </summary>
public static class F0Median
{
    /// <summary>The median of <paramref name="values"/> (sorted in place; allocation-free); NaN when empty.</summary>
    public static double Of(Span<double> values)
    {
        if (values.IsEmpty) return double.NaN;
        values.Sort();
        int n = values.Length;
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }
}
