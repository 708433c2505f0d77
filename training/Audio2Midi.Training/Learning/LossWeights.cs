namespace Audio2Midi.Training.Learning;

/// <summary>
/// How the heads' losses add up. Onsets and offsets are one frame per note (about one frame in 70 of singing), so
/// their positives are weighted up (BCE pos_weight); otherwise the model learns that an onset never happens.
/// </summary>
public sealed record LossWeights
{
    public double OnsetPositive { get; init; } = 5;
    public double OffsetPositive { get; init; } = 4;
    public double Onset { get; init; } = 1;
    public double Frame { get; init; } = 1;
    public double Offset { get; init; } = 0.5;
}
