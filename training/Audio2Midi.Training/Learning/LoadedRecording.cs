namespace Audio2Midi.Training.Learning;

/// <summary>
/// One recording held in memory for training: raw (not normalised) log-CQT features [frames x bins] in dB,
/// and its onset/frame/offset targets [frames x pitches].
/// </summary>
public sealed record LoadedRecording(string Name, int Frames, float[] Features, byte[] Onset, byte[] Frame, byte[] Offset);
