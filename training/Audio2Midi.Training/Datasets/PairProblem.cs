namespace Audio2Midi.Training.Datasets;

public enum PairProblemKind
{
    UnreadableAudio,
    UnreadableMidi,
    EmptyMidi,
    MidiLongerThanAudio,
    SampleRateMismatch,
    OctaveOffset,
    PitchDisagreement,
    LabelIssue,
    MidiWarning,
}

/// <summary>
/// Something wrong with a pair. <see cref="Excludes"/> problems keep the pair out of the cache; the others are
/// warnings (the pair is imported and the report says how it was handled).
/// </summary>
public sealed record PairProblem(PairProblemKind Kind, bool Excludes, string Message);
