namespace Audio2Midi.Features;

/// <summary>Accumulates per-bin mean and standard deviation over log-CQT frames (fed the training split only).</summary>
public sealed class NormalizationAccumulator(int bins)
{
    private readonly double[] _sum = new double[bins];
    private readonly double[] _sumSquares = new double[bins];

    public long Frames { get; private set; }

    public void Add(ReadOnlySpan<float> frames)
    {
        if (frames.Length % bins != 0) throw new ArgumentException("frames length must be a multiple of the bin count");
        for (int i = 0; i < frames.Length; i++)
        {
            double x = frames[i];
            _sum[i % bins] += x;
            _sumSquares[i % bins] += x * x;
        }
        Frames += frames.Length / bins;
    }

    /// <summary>The statistics; a bin with (almost) no spread gets std 1 rather than dividing by zero.</summary>
    public FeatureNormalization ToNormalization()
    {
        if (Frames == 0) throw new InvalidOperationException("no frames were accumulated: the training split is empty");
        var mean = new float[bins];
        var std = new float[bins];
        for (int b = 0; b < bins; b++)
        {
            double m = _sum[b] / Frames;
            double variance = Math.Max(0, _sumSquares[b] / Frames - m * m);
            mean[b] = (float)m;
            std[b] = variance > 1e-6 ? (float)Math.Sqrt(variance) : 1f;
        }
        return new FeatureNormalization(mean, std);
    }
}
