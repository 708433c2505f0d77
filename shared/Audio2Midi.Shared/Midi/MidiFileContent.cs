namespace Audio2Midi.Midi;

/// <summary>What <see cref="MidiFileReader"/> found in a file, with every time already in seconds.</summary>
public sealed class MidiFileContent
{
    public int Format { get; init; }

    /// <summary>
    /// Ticks per quarter note. For SMPTE-timed files this is frames per second (30 for 29.97)
    /// times ticks per frame, and <see cref="Tempo"/> is the constant map that turns those ticks into seconds.
    /// </summary>
    public int Ppq { get; init; } = 480;

    public TempoMap Tempo { get; init; } = new(480, []);

    /// <summary>Sorted by onset, then pitch; times converted from absolute ticks through <see cref="Tempo"/>.</summary>
    public IReadOnlyList<MidiNote> Notes { get; init; } = [];

    /// <summary>Sorted by time.</summary>
    public IReadOnlyList<MidiPitchBend> PitchBends { get; init; } = [];

    /// <summary>Problems that did not stop the read (unpaired notes, missing end-of-track, ...).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Time of the latest end-of-track (or latest event), in seconds.</summary>
    public double DurationSeconds { get; init; }
}
