namespace Audio2Midi.Training.Learning;

/// <summary>What the trainer reports after each step and each epoch.</summary>
public readonly record struct TrainProgress(int Epoch, int MaxEpochs, int Step, int StepsPerEpoch, double RunningLoss, double SecondsPerStep, EpochRecord? Finished);
