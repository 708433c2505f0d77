namespace Audio2Midi.Notes;

public enum NoteEventKind : byte
{
    NoteOn,
    NoteOff,
    /// <summary>Pitch bend on the note's channel; value -8192..8191.</summary>
    PitchBend,
}
