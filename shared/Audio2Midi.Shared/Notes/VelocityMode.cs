namespace Audio2Midi.Notes;

/// <summary>How NoteOn velocity is chosen.</summary>
public enum VelocityMode
{
    /// <summary>Every note gets <see cref="NoteSettings.FixedVelocity"/>.</summary>
    Fixed,

    /// <summary>From the sung level over the onset frames.</summary>
    Loudness,
}
