namespace Audio2Midi.Midi;

/// <summary>
/// One note with absolute times in seconds. <paramref name="Pitch"/> is the MIDI note number
/// (60 = middle C); the code never names octaves because DAWs disagree on what "C3" means.
/// </summary>
public readonly record struct MidiNote(double OnsetSeconds, double OffsetSeconds, int Pitch, int Velocity = 100, int Channel = 0);
