namespace Audio2Midi.Models;

/// <summary>
/// The names an exported model's inputs and outputs carry, shared by `a2m export` and the runner. A streaming
/// model has, besides the features, one input per state ("state0", "state1", ...) whose updated value comes back
/// as the output of the same name plus <see cref="StateOutputSuffix"/>; each state's shape is fixed in the file.
/// </summary>
public static class ModelTensorNames
{
    /// <summary>[1, frames, bins] normalised log-CQT features.</summary>
    public const string Features = "features";

    /// <summary>[1, frames, <see cref="PosteriorLayout.Size"/>] probabilities in 0..1.</summary>
    public const string Posteriors = "posteriors";

    public const string StatePrefix = "state";

    public const string StateOutputSuffix = "_out";

    public static string State(int index) => StatePrefix + index;

    public static string StateOutput(int index) => State(index) + StateOutputSuffix;
}
