namespace Audio2Midi.Notes;

/// <summary>Scales that notes can be snapped to; <see cref="Chromatic"/> means no snapping.</summary>
public enum Scale
{
    Chromatic,
    Major,
    NaturalMinor,
    HarmonicMinor,
    MajorPentatonic,
    MinorPentatonic,
}
