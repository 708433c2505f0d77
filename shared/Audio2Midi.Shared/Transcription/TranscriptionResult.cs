using Audio2Midi.Midi;

namespace Audio2Midi.Transcription;

/// <summary>Notes (and pitch bends) found in a recording, times in seconds from its start.</summary>
public sealed record TranscriptionResult(
    IReadOnlyList<MidiNote> Notes,
    IReadOnlyList<MidiPitchBend> PitchBends,
    double DurationSeconds,
    double LatencySeconds,
    IReadOnlyList<string> Warnings);
