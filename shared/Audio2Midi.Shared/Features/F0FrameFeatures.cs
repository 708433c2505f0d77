using Audio2Midi.Pitch;

namespace Audio2Midi.Features;

/// <summary>
/// One f0 model input row per pYIN frame, for the feature set the model was trained on: the pitch-free f0 features
/// (<see cref="F0FeatureFunction"/>) and, for <see cref="F0FeatureSet.PitchAndSpectrum"/>, how the sound changes
/// (<see cref="SpectralChange"/>, from the newest samples at that frame). Training (<see cref="F0FeatureTrack"/>) and the
/// live engine both call <see cref="Step"/>, so they cannot differ.
/// </summary>
/// <remarks>Real time: allocation-free after construction.</remarks>
public sealed class F0FrameFeatures
{
    private readonly F0FeatureFunction _pitch = new();
    private readonly SpectralChange? _spectrum;

    public F0FrameFeatures(F0FeatureSet set)
    {
        Set = set;
        Width = set.Width();
        _spectrum = set == F0FeatureSet.PitchAndSpectrum ? new SpectralChange() : null;
    }

    public F0FeatureSet Set { get; }

    public int Width { get; }

    /// <summary>The singer's tuning as the f0 features see it (semitones from A440).</summary>
    public double Tuning => _pitch.Tuning;

    public void Reset()
    {
        _pitch.Reset();
        _spectrum?.Reset();
    }

    /// <param name="frame">The pYIN frame just completed.</param>
    /// <param name="newest">The newest internal-rate samples at that frame (at least <see cref="SpectralChange.WindowSamples"/>; ignored for <see cref="F0FeatureSet.Pitch"/>).</param>
    /// <param name="row">At least <see cref="Width"/> long.</param>
    public void Step(in PitchFrame frame, ReadOnlySpan<float> newest, Span<float> row)
    {
        _pitch.Step(frame, row);
        _spectrum?.Step(newest, row.Slice(F0FeatureFunction.Width, SpectralChange.Width));
    }
}
