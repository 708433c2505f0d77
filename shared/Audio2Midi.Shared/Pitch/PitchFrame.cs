namespace Audio2Midi.Pitch;

/// <summary>
/// One decoded pitch frame. <see cref="EndSample"/> is the internal-rate index one past the newest
/// sample the frame saw; <see cref="Midi"/> is fractional (meaningful only when <see cref="Voiced"/>).
/// </summary>
public readonly record struct PitchFrame(long Index, long EndSample, bool Voiced, double Midi, double VoicedProbability, double LevelDb);
