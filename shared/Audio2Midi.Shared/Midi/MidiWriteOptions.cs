namespace Audio2Midi.Midi;

/// <summary>How <see cref="MidiFileWriter"/> lays out a file.</summary>
public sealed record MidiWriteOptions
{
    /// <summary>0 = one track; 1 = a tempo/meta track followed by one note track.</summary>
    public int Format { get; init; } = 1;

    /// <summary>Ticks per quarter note (1..32767: the top bit of the division word means SMPTE).</summary>
    public int Ppq { get; init; } = 480;

    /// <summary>Tempo written into the file; it only changes how a DAW draws the grid, not the timing.</summary>
    public double Bpm { get; init; } = 120;

    public string TrackName { get; init; } = "Audio2Midi";
}
