namespace Audio2Midi.Training.Tuning;

/// <summary>
/// The tree-structured Parzen estimator (Bergstra et al. 2011), per dimension: finished trials are split into the
/// best fraction and the rest; a point is drawn many times from a kernel density around the good trials and the one
/// with the highest ratio good-density / rest-density is tried next. Continuous dimensions use Gaussian kernels on
/// [0, 1], categorical ones smoothed counts. The first trials are uniform (nothing to model yet).
/// </summary>
public sealed class TreeParzenSampler(int[] choices, int startupTrials = 5, double goodFraction = 0.25, int candidates = 32)
{
    public double[] Next(IReadOnlyList<(double[] Point, double Loss)> finished, Random rng)
    {
        int d = choices.Length;
        if (finished.Count < startupTrials) return Enumerable.Range(0, d).Select(_ => rng.NextDouble()).ToArray();
        var sorted = finished.OrderBy(t => t.Loss).ToList();
        int goodCount = Math.Max(1, (int)Math.Ceiling(goodFraction * sorted.Count));
        var good = sorted.Take(goodCount).Select(t => t.Point).ToList();
        var bad = sorted.Skip(goodCount).Select(t => t.Point).ToList();
        if (bad.Count == 0) bad = good;
        double[] best = [];
        double bestScore = double.NegativeInfinity;
        for (int c = 0; c < candidates; c++)
        {
            double[] x = new double[d];
            double score = 0;
            for (int k = 0; k < d; k++)
            {
                x[k] = Draw(good, k, rng);
                score += Math.Log(Density(good, k, x[k]) + 1e-12) - Math.Log(Density(bad, k, x[k]) + 1e-12);
            }
            if (score > bestScore) { bestScore = score; best = x; }
        }
        return best;
    }

    private double Bandwidth(int count) => Math.Max(0.05, 0.5 * Math.Pow(Math.Max(1, count), -0.2));

    private double Draw(List<double[]> points, int k, Random rng)
    {
        if (choices[k] > 0)
        {
            // Smoothed counts of the good trials' choices (one pseudo-count each).
            var weights = new double[choices[k]];
            for (int i = 0; i < weights.Length; i++) weights[i] = 1;
            foreach (double[] p in points) weights[Index(p[k], choices[k])] += 1;
            double u = rng.NextDouble() * weights.Sum();
            for (int i = 0; i < weights.Length; i++)
            {
                if (u < weights[i]) return SearchSpace.Centre(k, i);
                u -= weights[i];
            }
            return SearchSpace.Centre(k, weights.Length - 1);
        }
        double centre = points[rng.Next(points.Count)][k];
        double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        return Math.Clamp(centre + z * Bandwidth(points.Count), 0, 1);
    }

    private double Density(List<double[]> points, int k, double x)
    {
        if (choices[k] > 0)
        {
            int index = Index(x, choices[k]);
            return (1.0 + points.Count(p => Index(p[k], choices[k]) == index)) / (choices[k] + points.Count);
        }
        double h = Bandwidth(points.Count);
        return points.Average(p => Math.Exp(-0.5 * Math.Pow((x - p[k]) / h, 2)) / (h * Math.Sqrt(2 * Math.PI)));
    }

    private static int Index(double x, int n) => Math.Min(n - 1, (int)(x * n));
}
