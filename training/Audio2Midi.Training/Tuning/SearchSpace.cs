using Audio2Midi.Training.Learning;

namespace Audio2Midi.Training.Tuning;

/// <summary>
/// What `a2m tune` searches: learning rate (log scale), batch size, widths, depth and dropout. A point is a vector of
/// numbers in [0, 1], one per dimension, that <see cref="Apply"/> maps onto a <see cref="TrainOptions"/>.
/// </summary>
public static class SearchSpace
{
    public static readonly int[] BatchSizes = [4, 8, 16];
    public static readonly int[] HiddenWidths = [64, 96, 128, 192];
    public static readonly int[] ConvChannels = [8, 16, 24];
    public static readonly int[] Depths = [1, 2];
    public const double MinLearningRate = 1e-4, MaxLearningRate = 3e-3, MaxDropout = 0.4;

    public static readonly string[] Names = ["lr", "batch", "hidden", "channels", "depth", "dropout"];

    /// <summary>Choices per dimension (0 = continuous).</summary>
    public static readonly int[] Choices = [0, BatchSizes.Length, HiddenWidths.Length, ConvChannels.Length, Depths.Length, 0];

    public static int Dimensions => Names.Length;

    public static TrainOptions Apply(TrainOptions baseline, double[] u)
    {
        int Pick(int[] values, double x) => values[Math.Min(values.Length - 1, (int)(x * values.Length))];
        return baseline with
        {
            LearningRate = MinLearningRate * Math.Pow(MaxLearningRate / MinLearningRate, u[0]),
            BatchSize = Pick(BatchSizes, u[1]),
            Model = baseline.Model with
            {
                Hidden = Pick(HiddenWidths, u[2]),
                ConvChannels = Pick(ConvChannels, u[3]),
                Depth = Pick(Depths, u[4]),
                Dropout = Math.Round(u[5] * MaxDropout, 3),
            },
        };
    }

    /// <summary>The point of a dimension's choice index (its cell's centre), so categorical values round-trip.</summary>
    public static double Centre(int dimension, int index) => (index + 0.5) / Choices[dimension];
}
