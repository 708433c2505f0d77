namespace Audio2Midi.Training.Learning;

/// <summary>The loss became NaN or infinite: training stops and says where, rather than saving a broken model.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
