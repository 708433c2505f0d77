using Audio2Midi.IO;
using NAudio.Midi;

namespace Audio2Midi.Midi;

/// <summary>
/// Writes notes and pitch bends as a Standard MIDI File through NAudio. Each absolute time is converted to an absolute
/// tick once and deltas are taken between those ticks, so rounding never accumulates (DESIGN.md section 7).
/// Out-of-range pitch, channel or time is a programming error and throws an <see cref="ArgumentException"/>.
/// </summary>
public static class MidiFileWriter
{
    /// <summary>
    /// Writes to a temporary file beside <paramref name="path"/> and moves it into place at the end,
    /// so a failure leaves neither a half-written file nor a damaged previous one.
    /// </summary>
    public static void Write(string path, IReadOnlyList<MidiNote> notes, IReadOnlyList<MidiPitchBend>? pitchBends = null, MidiWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = Encode(notes, pitchBends, options ?? new MidiWriteOptions());

        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        string temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, fullPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new AudioFileException(path, $"cannot write the file: {ex.Message}", ex);
        }
    }

    public static void Write(Stream stream, IReadOnlyList<MidiNote> notes, IReadOnlyList<MidiPitchBend>? pitchBends = null, MidiWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes = Encode(notes, pitchBends, options ?? new MidiWriteOptions());
        stream.Write(bytes);
    }

    // Events at one tick are written in this order: note-offs first so a repeated note is not cut by
    // its own predecessor's note-off, then bends so a note starts at its intended pitch, then note-ons.
    // NAudio's export sorts each track by time with a stable sort, so this order survives it.
    private enum Order : byte { NoteOff = 0, PitchBend = 1, NoteOn = 2 }

    private readonly record struct TimedEvent(long Tick, Order Order, int Sequence, int Channel, int Data1, int Data2);

    internal static byte[] Encode(IReadOnlyList<MidiNote> notes, IReadOnlyList<MidiPitchBend>? pitchBends, MidiWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Format is not (0 or 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.Format, "MIDI format must be 0 or 1.");
        if (options.Ppq is < 1 or > 0x7FFF)
            throw new ArgumentOutOfRangeException(nameof(options), options.Ppq, "PPQ must be 1..32767.");
        ArgumentNullException.ThrowIfNull(options.TrackName, nameof(options));

        var tempo = TempoMap.Constant(options.Ppq, options.Bpm);
        var events = new List<TimedEvent>(notes.Count * 2 + (pitchBends?.Count ?? 0));
        int sequence = 0;

        for (int i = 0; i < notes.Count; i++)
        {
            var n = notes[i];
            if (n.Pitch is < 0 or > 127)
                throw new ArgumentOutOfRangeException(nameof(notes), n.Pitch, $"Note {i}: pitch must be 0..127.");
            CheckChannel(n.Channel, i, nameof(notes));
            CheckTime(n.OnsetSeconds, i, nameof(notes));
            CheckTime(n.OffsetSeconds, i, nameof(notes));
            if (n.OffsetSeconds < n.OnsetSeconds)
                throw new ArgumentOutOfRangeException(nameof(notes), n.OffsetSeconds, $"Note {i}: offset is before onset.");

            long on = tempo.SecondsToTicks(n.OnsetSeconds);
            // At least one tick long: a zero-length note would put its note-off before its own note-on.
            long off = Math.Max(tempo.SecondsToTicks(n.OffsetSeconds), on + 1);
            int velocity = Math.Clamp(n.Velocity, 1, 127);
            events.Add(new TimedEvent(on, Order.NoteOn, sequence++, n.Channel, n.Pitch, velocity));
            events.Add(new TimedEvent(off, Order.NoteOff, sequence++, n.Channel, n.Pitch, 0x40));
        }

        if (pitchBends is not null)
        {
            for (int i = 0; i < pitchBends.Count; i++)
            {
                var b = pitchBends[i];
                if (b.Value is < -8192 or > 8191)
                    throw new ArgumentOutOfRangeException(nameof(pitchBends), b.Value, $"Pitch bend {i}: value must be -8192..8191.");
                CheckChannel(b.Channel, i, nameof(pitchBends));
                CheckTime(b.Seconds, i, nameof(pitchBends));
                events.Add(new TimedEvent(tempo.SecondsToTicks(b.Seconds), Order.PitchBend, sequence++, b.Channel, b.Value + 8192, 0));
            }
        }

        events.Sort(static (a, b) =>
        {
            int c = a.Tick.CompareTo(b.Tick);
            if (c == 0) c = ((byte)a.Order).CompareTo((byte)b.Order);
            return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
        });
        CheckDeltas(events);

        int microsPerQuarter = tempo.Changes[0].MicrosecondsPerQuarter;
        var collection = new MidiEventCollection(options.Format, options.Ppq);
        IList<MidiEvent> noteTrack;
        if (options.Format == 0)
        {
            noteTrack = collection.AddTrack();
            noteTrack.Add(new TextEvent(options.TrackName, MetaEventType.SequenceTrackName, 0));
            noteTrack.Add(new TempoEvent(microsPerQuarter, 0));
        }
        else
        {
            IList<MidiEvent> conductor = collection.AddTrack();
            conductor.Add(new TextEvent(options.TrackName, MetaEventType.SequenceTrackName, 0));
            conductor.Add(new TempoEvent(microsPerQuarter, 0));
            conductor.Add(new MetaEvent(MetaEventType.EndTrack, 0, 0));
            noteTrack = collection.AddTrack();
            noteTrack.Add(new TextEvent(options.TrackName, MetaEventType.SequenceTrackName, 0));
        }
        foreach (var e in events)
            noteTrack.Add(ToNAudio(e));
        noteTrack.Add(new MetaEvent(MetaEventType.EndTrack, 0, events.Count > 0 ? events[^1].Tick : 0));

        using var buffer = new MemoryStream(64 + events.Count * 5);
        MidiFile.Export(buffer, collection);
        return buffer.ToArray();
    }

    /// <summary>NAudio numbers channels 1..16 on its events; ours are 0..15 as on the wire.</summary>
    private static MidiEvent ToNAudio(TimedEvent e) => e.Order switch
    {
        Order.NoteOn => new NoteEvent(e.Tick, e.Channel + 1, MidiCommandCode.NoteOn, e.Data1, e.Data2),
        Order.NoteOff => new NoteEvent(e.Tick, e.Channel + 1, MidiCommandCode.NoteOff, e.Data1, e.Data2),
        _ => new PitchWheelChangeEvent(e.Tick, e.Channel + 1, e.Data1),
    };

    /// <summary>NAudio writes deltas as variable-length numbers without checking that they fit in four bytes.</summary>
    private static void CheckDeltas(List<TimedEvent> events)
    {
        long previous = 0;
        foreach (var e in events)
        {
            if (e.Tick - previous > VariableLengthQuantity.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(events), e.Tick - previous,
                    "Events are too far apart for one MIDI delta time; use a smaller PPQ or shorter gaps.");
            previous = e.Tick;
        }
    }

    private static void CheckChannel(int channel, int index, string paramName)
    {
        if (channel is < 0 or > 15)
            throw new ArgumentOutOfRangeException(paramName, channel, $"Item {index}: channel must be 0..15.");
    }

    private static void CheckTime(double seconds, int index, string paramName)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
            throw new ArgumentOutOfRangeException(paramName, seconds, $"Item {index}: time must be finite and not negative.");
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
