using Audio2Midi.Features;
using Audio2Midi.Labels;

namespace Audio2Midi.Training.Datasets;

/// <summary>Settings of `a2m dataset import`.</summary>
public sealed record ImportOptions
{
    public FeatureParameters Features { get; init; } = new();
    public LabelSettings Labels { get; init; } = new();
    public int Seed { get; init; } = 1;
    public double ValidationFraction { get; init; } = 0.1;
    public double TestFraction { get; init; } = 0.1;
    /// <summary>Shift labels found a constant number of octaves off the sung pitch (in the cache; the .mid is not touched).</summary>
    public bool FixOctave { get; init; }
    /// <summary>Import pairs with an octave offset unchanged (otherwise they are left out unless fixed).</summary>
    public bool KeepOctaveOffset { get; init; }
    /// <summary>Seconds the MIDI may run past the audio before it is reported.</summary>
    public double LengthToleranceSeconds { get; init; } = 0.05;
}
