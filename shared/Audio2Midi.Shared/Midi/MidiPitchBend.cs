namespace Audio2Midi.Midi;

/// <summary>
/// A pitch-bend message at an absolute time. <paramref name="Value"/> is centred on 0
/// (-8192..8191), not the raw 0..16383 of the wire format, so "no bend" is 0.
/// </summary>
public readonly record struct MidiPitchBend(double Seconds, int Value, int Channel = 0);
