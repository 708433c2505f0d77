namespace Audio2Midi.Training.Datasets;

/// <summary>One recording and its label file; <see cref="Name"/> is the recording's id (the wav's stem).</summary>
public sealed record RecordingPair(string Name, string WavPath, string MidPath);
