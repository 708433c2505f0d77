namespace Audio2Midi.Pitch;

/// <summary>One trough of the YIN function: a pitch (MIDI number, fractional) and the probability pYIN gives it.</summary>
public readonly record struct PitchCandidate(double Midi, double Probability);
