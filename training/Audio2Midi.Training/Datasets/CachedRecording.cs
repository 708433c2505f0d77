namespace Audio2Midi.Training.Datasets;

/// <summary>Index entry of one recording in the cache.</summary>
public sealed record CachedRecording(string Name, string SourceWav, SplitName Split, int Frames, int Notes, long BlockOffset);
