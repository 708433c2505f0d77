namespace Audio2Midi.Features;

/// <summary>
/// Everything that defines the model input: CQT settings, the log floor, the windows and the normalisation
/// statistics (from the training split). Written next to every dataset and model as JSON
/// (<see cref="FeatureParametersJson"/>) so inference reproduces training's features exactly.
/// </summary>
public sealed record FeatureParameters
{
    /// <summary>Bumped whenever the feature function changes meaning; a mismatch is an error, never a guess.</summary>
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public CqtSettings Cqt { get; init; } = new();

    public double LogFloorDb { get; init; } = LogMagnitude.DefaultFloorDb;

    public WindowSettings Windows { get; init; } = new();

    /// <summary>Null until statistics are computed on a training split.</summary>
    public FeatureNormalization? Normalization { get; init; }
}
