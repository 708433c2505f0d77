using Audio2Midi.Midi;

namespace Audio2Midi.Training.Evaluation;

/// <summary>Reference notes from a note CSV or, for a name ending in .mid, a Standard MIDI File (e.g. `a2m synth` takes).</summary>
public static class ReferenceNotes
{
    /// <exception cref="IO.AudioFileException">The file is missing, unreadable or malformed.</exception>
    public static IReadOnlyList<ScoredNote> Read(string path)
    {
        if (!path.EndsWith(".mid", StringComparison.OrdinalIgnoreCase)) return NoteCsv.Read(path);
        MidiFileContent midi = MidiFileReader.Read(path);
        return midi.Notes.Select(n => new ScoredNote(n.OnsetSeconds, n.OffsetSeconds, n.Pitch)).ToList();
    }
}
