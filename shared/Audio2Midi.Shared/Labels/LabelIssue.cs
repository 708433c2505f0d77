namespace Audio2Midi.Labels;

public enum LabelIssueKind
{
    /// <summary>The MIDI file holds no notes: every frame is silence.</summary>
    NoNotes,
    /// <summary>Offset &lt;= onset: the note labels nothing.</summary>
    ZeroLengthNote,
    /// <summary>Shorter than one frame: it is labelled on its one nearest frame.</summary>
    ShorterThanFrame,
    /// <summary>Starts at or after the end of the audio: it labels nothing.</summary>
    NoteAfterAudioEnd,
    /// <summary>Ends after the audio: labelled up to the last frame, no offset target.</summary>
    NotePastAudioEnd,
    /// <summary>Outside the labelled pitch range: not in the pitch targets; its frames are silence in the class target.</summary>
    PitchOutOfRange,
    /// <summary>Overlaps another note of the same pitch: the frame target is their union.</summary>
    SamePitchOverlap,
    /// <summary>Frames where notes of different pitches sound together: the class target takes the highest.</summary>
    Polyphony,
}

/// <summary>A problem found while labelling; <see cref="NoteIndex"/> is -1 when it concerns no single note.</summary>
public readonly record struct LabelIssue(LabelIssueKind Kind, int NoteIndex, string Message);
