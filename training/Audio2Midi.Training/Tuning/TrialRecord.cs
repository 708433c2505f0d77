namespace Audio2Midi.Training.Tuning;

/// <summary>One finished trial of `a2m tune` (one line of trials.jsonl).</summary>
public sealed record TrialRecord
{
    public int Number { get; init; }
    public double[] Point { get; init; } = [];
    public double LearningRate { get; init; }
    public int BatchSize { get; init; }
    public int Hidden { get; init; }
    public int ConvChannels { get; init; }
    public int Depth { get; init; }
    public double Dropout { get; init; }
    public int Epochs { get; init; }
    public double BestValidationLoss { get; init; }
    /// <summary>Validation loss after each epoch (what pruning compares).</summary>
    public double[] Losses { get; init; } = [];
    public bool Pruned { get; init; }
    public double Seconds { get; init; }
}
