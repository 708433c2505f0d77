namespace Audio2Midi.Features;

/// <summary>Per-bin standardisation of log-CQT frames: (x - mean) / std, statistics from the training split only.</summary>
public sealed class FeatureNormalization
{
    public FeatureNormalization(float[] mean, float[] std)
    {
        if (mean.Length != std.Length) throw new ArgumentException("mean and std must have one value per bin");
        foreach (float s in std)
            if (!(s > 0) || !float.IsFinite(s)) throw new ArgumentException("every std must be finite and > 0", nameof(std));
        Mean = mean;
        Std = std;
    }

    public float[] Mean { get; }

    public float[] Std { get; }

    public int BinCount => Mean.Length;

    /// <summary>The identity (mean 0, std 1): for data whose statistics are not computed yet.</summary>
    public static FeatureNormalization Identity(int bins) => new(new float[bins], Enumerable.Repeat(1f, bins).ToArray());

    /// <summary>In place on one or more frames laid out frame after frame.</summary>
    public void Apply(Span<float> frames)
    {
        int bins = BinCount;
        if (frames.Length % bins != 0) throw new ArgumentException("frames length must be a multiple of the bin count");
        for (int i = 0; i < frames.Length; i++)
        {
            int b = i % bins;
            frames[i] = (frames[i] - Mean[b]) / Std[b];
        }
    }
}
