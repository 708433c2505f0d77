using Audio2Midi.Training.Models;

namespace Audio2Midi.Training.Learning;

/// <summary>Everything `a2m train` needs besides the data; written to the run folder as config.json so a run can be reproduced or resumed.</summary>
public sealed record TrainOptions
{
    public ModelConfig Model { get; init; } = new();
    public AugmentationSettings Augmentation { get; init; } = new();
    public LossWeights Loss { get; init; } = new();
    public double LearningRate { get; init; } = 1e-3;
    public int BatchSize { get; init; } = 8;
    /// <summary>Frames per training crop (4 s at 100 frames/s, the dataset's window).</summary>
    public int CropFrames { get; init; } = 400;
    public int MaxEpochs { get; init; } = 40;
    /// <summary>Steps per epoch; 0 = enough crops to cover the training frames once.</summary>
    public int StepsPerEpoch { get; init; }
    /// <summary>Epochs without a better validation loss before training stops.</summary>
    public int Patience { get; init; } = 6;
    /// <summary>Epochs without improvement before the learning rate is cut by <see cref="LrFactor"/>.</summary>
    public int LrPatience { get; init; } = 2;
    public double LrFactor { get; init; } = 0.3;
    public double MinLearningRate { get; init; } = 1e-5;
    /// <summary>Gradient norm clip (0 = off).</summary>
    public double ClipNorm { get; init; } = 5;
    public int Seed { get; init; } = 1;
    public int Threads { get; init; } = 1;
    /// <summary>"cpu" or "cuda" (the latter needs a TorchSharp CUDA package in place of TorchSharp-cpu, and a GPU).</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>The labels' pitch range, taken from the data when training starts.</summary>
    public int MinPitch { get; init; } = 36;
    public int Pitches { get; init; } = 49;
    /// <summary>The caches trained on (DIR:WEIGHT), recorded when training starts.</summary>
    public IReadOnlyList<string> Data { get; init; } = [];

    public void Validate()
    {
        if (!(LearningRate > 0 && LearningRate < 1)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "learning rate must be in (0, 1)");
        if (BatchSize is < 1 or > 4096) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be 1..4096");
        if (CropFrames is < 8 or > 100000) throw new ArgumentOutOfRangeException(nameof(CropFrames), CropFrames, "crop must be 8..100000 frames");
        if (MaxEpochs is < 1 or > 100000) throw new ArgumentOutOfRangeException(nameof(MaxEpochs), MaxEpochs, "epochs must be 1..100000");
        if (StepsPerEpoch < 0) throw new ArgumentOutOfRangeException(nameof(StepsPerEpoch), StepsPerEpoch, "steps per epoch must be >= 0");
        if (Patience < 1 || LrPatience < 0) throw new ArgumentOutOfRangeException(nameof(Patience), "patience must be >= 1 (learning-rate patience >= 0)");
        if (Threads is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "threads must be 1..256");
        Augmentation.Validate();
    }
}
