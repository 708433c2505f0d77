namespace Audio2Midi.Training.Evaluation;

/// <summary>
/// One note as the evaluation sees it: onset and offset in seconds, pitch as a (possibly fractional)
/// MIDI note number. This is the row of the note CSV form (DESIGN.md 6).
/// </summary>
public readonly record struct ScoredNote(double Onset, double Offset, double MidiPitch);
