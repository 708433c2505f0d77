namespace Audio2Midi.Notes;

/// <summary>Allocation-free statistics over a handful of values (the frames of a confirmation window).</summary>
internal static class SmallMath
{
    /// <summary>Median of <paramref name="values"/>, sorted in place in <paramref name="scratch"/>.</summary>
    public static double Median(ReadOnlySpan<double> values, Span<double> scratch)
    {
        int n = values.Length;
        if (n == 0) return double.NaN;
        Span<double> s = scratch.Slice(0, n);
        values.CopyTo(s);
        for (int i = 1; i < n; i++)
        {
            double v = s[i];
            int j = i - 1;
            while (j >= 0 && s[j] > v) { s[j + 1] = s[j]; j--; }
            s[j + 1] = v;
        }
        return (n & 1) == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    public static double Spread(ReadOnlySpan<double> values)
    {
        double lo = double.MaxValue, hi = double.MinValue;
        foreach (double v in values)
        {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        return values.Length == 0 ? 0 : hi - lo;
    }
}
