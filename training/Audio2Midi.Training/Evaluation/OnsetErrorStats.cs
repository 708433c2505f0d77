namespace Audio2Midi.Training.Evaluation;

/// <summary>
/// Onset error (estimated onset − reference onset) over a set of matched notes, in milliseconds:
/// mean absolute, mean signed (bias), median and 95th percentile. The median and 95th percentile over
/// the COnP matching are the latency figures of DESIGN.md 6. All NaN when nothing matched.
/// </summary>
public readonly record struct OnsetErrorStats(int Count, double MeanAbsoluteMs, double MeanSignedMs, double MedianMs, double Percentile95Ms)
{
    public static OnsetErrorStats From(IReadOnlyList<NoteMatch> matches)
    {
        int n = matches.Count;
        if (n == 0)
            return new OnsetErrorStats(0, double.NaN, double.NaN, double.NaN, double.NaN);

        var d = new double[n];
        double sumAbs = 0, sum = 0;
        for (int i = 0; i < n; i++)
        {
            d[i] = matches[i].OnsetError;
            sumAbs += Math.Abs(d[i]);
            sum += d[i];
        }
        Array.Sort(d);
        return new OnsetErrorStats(n, sumAbs / n * 1000, sum / n * 1000,
            Median(d) * 1000, Percentile(d, 95) * 1000);
    }

    /// <summary>numpy's median of sorted values: the middle one, or the mean of the middle two.</summary>
    internal static double Median(double[] sorted)
    {
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>
    /// numpy's default ("linear") percentile of sorted values: the value at fractional index
    /// q/100·(n−1), interpolated between its neighbours the way numpy does it.
    /// </summary>
    internal static double Percentile(double[] sorted, double q)
    {
        double position = q / 100.0 * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double t = position - below;
        double a = sorted[below], b = sorted[above];
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
