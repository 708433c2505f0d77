namespace Audio2Midi.Pitch;

/// <summary>
/// pYIN's distribution over YIN thresholds (Mauch &amp; Dixon 2014): thresholds 0.01..1.00 with
/// Beta(2, 18) weights (mean 0.1). Each threshold picks the first trough below it; a trough's
/// probability is the summed weight of the thresholds that pick it.
/// </summary>
public sealed class ThresholdPrior
{
    public const int Count = 100;

    /// <summary>pYIN's weight for the global minimum when no trough lies below a threshold.</summary>
    public const double AbsoluteMinimumWeight = 0.01;

    private readonly double[] _thresholds = new double[Count];
    private readonly double[] _weights = new double[Count];

    public ThresholdPrior(double alpha = 2.0, double beta = 18.0)
    {
        // Probability mass of Beta(alpha, beta) in each bin ((i)/100, (i+1)/100], by numerical integration.
        double total = 0;
        const int steps = 50;
        for (int i = 0; i < Count; i++)
        {
            double mass = 0;
            for (int s = 0; s < steps; s++)
            {
                double x = (i + (s + 0.5) / steps) / Count;
                mass += Math.Pow(x, alpha - 1) * Math.Pow(1 - x, beta - 1);
            }
            _weights[i] = mass;
            total += mass;
            _thresholds[i] = (i + 1.0) / Count;
        }
        for (int i = 0; i < Count; i++) _weights[i] /= total;
    }

    public ReadOnlySpan<double> Thresholds => _thresholds;

    public ReadOnlySpan<double> Weights => _weights;
}
