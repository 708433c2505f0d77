using Audio2Midi.Features;
using Audio2Midi.Placement;

namespace Audio2Midi.Training.F0;

/// <summary>`a2m train-f0`'s settings; the defaults are the shipped preset's recipe.</summary>
public sealed record F0TrainOptions
{
    public int Hidden { get; init; } = 64;
    public int Depth { get; init; } = 2;

    /// <summary>Taps of the output convolution over the GRU's outputs (<see cref="F0NoteNetwork.Taps"/>); 0 = a linear output layer, as shipped.</summary>
    public int Taps { get; init; }

    /// <summary>What the model reads per frame; the f0 features alone by default, as shipped.</summary>
    public F0FeatureSet Features { get; init; } = F0FeatureSet.Pitch;
    public int Epochs { get; init; } = 12;
    public int Patience { get; init; } = 4;
    public int BatchSize { get; init; } = 16;

    /// <summary>Crop length in 5 ms frames (4 s).</summary>
    public int CropFrames { get; init; } = 800;

    /// <summary>Steps per epoch; 0 = enough crops to cover the training frames once.</summary>
    public int StepsPerEpoch { get; init; }

    public double LearningRate { get; init; } = 2e-3;
    /// <summary>Seed of the split by recording (and of the shifted renderings' levels).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Seed of the weights' initialisation and the batch order; null = <see cref="Seed"/>. Another value on the same split measures run-to-run noise.</summary>
    public int? TrainingSeed { get; init; }

    public int EffectiveTrainingSeed => TrainingSeed ?? Seed;
    public int Threads { get; init; } = 1;

    /// <summary>Pitch shifts (semitones, fractional allowed) each training recording is also rendered at; 0 = as recorded.</summary>
    public IReadOnlyList<double> Shifts { get; init; } = [0];

    /// <summary>Tempo factors (pitch kept) each training recording is also rendered at; none by default.</summary>
    public IReadOnlyList<double> Tempos { get; init; } = [];

    /// <summary>Dropout while training (<see cref="F0NoteNetwork"/>); 0 = none, as shipped.</summary>
    public double Dropout { get; init; }

    /// <summary>Share of the shifted and stretched renderings also put in a random room with background noise (<see cref="RoomAugmentation"/>); 0 = none, as shipped.</summary>
    public double RoomProbability { get; init; }

    /// <summary>The Latency steps the model carries a head for (each step's look-ahead, <see cref="Models.F0Heads.FramesFor"/>).</summary>
    public IReadOnlyList<int> StepsMs { get; init; } = LatencySteps.Milliseconds;

    /// <summary>How much a note's first frames (<see cref="F0Batch.DeltaStartFrames"/>) weigh in the delta's loss; 1 = as every other frame, as shipped.</summary>
    public double DeltaStartWeight { get; init; } = 1;

    public void Validate()
    {
        if (!(DeltaStartWeight is >= 1 and <= 100)) throw new ArgumentOutOfRangeException(nameof(DeltaStartWeight), DeltaStartWeight, "--delta-start-weight must be 1..100");
        if (!(Dropout is >= 0 and <= 0.8)) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "--dropout must be 0..0.8");
        if (!(RoomProbability is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(RoomProbability), RoomProbability, "--rooms must be a share 0..1");
        if (Hidden is < 4 or > 1024) throw new ArgumentOutOfRangeException(nameof(Hidden), Hidden, "--hidden must be 4..1024");
        if (Depth is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(Depth), Depth, "--depth must be 1..4");
        if (Taps is not 0 and (< 2 or > 16)) throw new ArgumentOutOfRangeException(nameof(Taps), Taps, "--taps must be 0 (a linear output layer) or 2..16");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "--epochs must be 1 or more");
        if (BatchSize < 1 || CropFrames < 16) throw new ArgumentOutOfRangeException(nameof(BatchSize), "--batch must be 1+ and --crop-frames 16+");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "--lr must be positive");
        if (Shifts.Count == 0 || Shifts.Any(s => !(Math.Abs(s) <= 24))) throw new ArgumentOutOfRangeException(nameof(Shifts), "--shifts must be semitones within +-24");
        if (Tempos.Any(t => !(t >= TempoStretch.Slowest && t <= TempoStretch.Fastest)))
            throw new ArgumentOutOfRangeException(nameof(Tempos), $"--tempos must be factors within {TempoStretch.Slowest}..{TempoStretch.Fastest} (1.2 = 20 % faster)");
        if (StepsMs.Count == 0 || StepsMs.Any(s => s < 0)) throw new ArgumentOutOfRangeException(nameof(StepsMs), "--steps must be latency steps in ms, 0 or more");
    }
}
