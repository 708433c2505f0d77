namespace Audio2Midi.Notes;

/// <summary>
/// The robust centre of a stretch of f0 that names a note: its median. One function for the decoder and for the
/// training labels (the delta a head learns is the note's pitch minus this over the frames it has heard).
/// </summary>
public static class F0Median
{
    /// <summary>
    /// The median of <paramref name="values"/> (finite; reordered in place); NaN when empty. A selection of our own, not
    /// Span.Sort: under NativeAOT the runtime's sort of doubles allocated a comparison delegate per call, on the audio
    /// thread (found by the plugin's native allocation test).
    /// </summary>
    public static double Of(Span<double> values)
    {
        int n = values.Length;
        if (n == 0) return double.NaN;
        double upper = Select(values, n / 2);
        if (n % 2 == 1) return upper;
        // After selecting n/2, everything below it lies in [0, n/2): the lower middle is their maximum.
        double lower = values[0];
        for (int i = 1; i < n / 2; i++) lower = Math.Max(lower, values[i]);
        return 0.5 * (lower + upper);
    }

    /// <summary>Hoare's selection: puts the k-th smallest at k, smaller ones before it, larger after; returns it.</summary>
    private static double Select(Span<double> a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        while (lo < hi)
        {
            double pivot = a[lo + (hi - lo) / 2];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else break;   // a[j+1..i-1] all equal the pivot, k among them
        }
        return a[k];
    }
}
