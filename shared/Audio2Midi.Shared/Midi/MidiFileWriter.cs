using System.Text;
using Audio2Midi.IO;

namespace Audio2Midi.Midi;

/// <summary>
/// Writes notes and pitch bends as a Standard MIDI File. Each absolute time is converted to an absolute
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
    private enum Order : byte { NoteOff = 0, PitchBend = 1, NoteOn = 2 }

    private readonly record struct TimedEvent(long Tick, Order Order, int Sequence, byte Status, byte Data1, byte Data2);

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
            byte velocity = (byte)Math.Clamp(n.Velocity, 1, 127);
            events.Add(new TimedEvent(on, Order.NoteOn, sequence++, (byte)(0x90 | n.Channel), (byte)n.Pitch, velocity));
            events.Add(new TimedEvent(off, Order.NoteOff, sequence++, (byte)(0x80 | n.Channel), (byte)n.Pitch, 0x40));
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
                int raw = b.Value + 8192;
                events.Add(new TimedEvent(tempo.SecondsToTicks(b.Seconds), Order.PitchBend, sequence++,
                    (byte)(0xE0 | b.Channel), (byte)(raw & 0x7F), (byte)(raw >> 7)));
            }
        }

        events.Sort(static (a, b) =>
        {
            int c = a.Tick.CompareTo(b.Tick);
            if (c == 0) c = ((byte)a.Order).CompareTo((byte)b.Order);
            return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
        });

        int microsPerQuarter = tempo.Changes[0].MicrosecondsPerQuarter;
        var file = new List<byte>(64 + events.Count * 5);
        WriteHeader(file, options.Format, options.Format == 0 ? 1 : 2, options.Ppq);

        if (options.Format == 0)
        {
            var track = new List<byte>();
            WriteTrackName(track, options.TrackName);
            WriteTempo(track, microsPerQuarter);
            WriteChannelEvents(track, events);
            WriteChunk(file, "MTrk"u8, track);
        }
        else
        {
            var conductor = new List<byte>();
            WriteTrackName(conductor, options.TrackName);
            WriteTempo(conductor, microsPerQuarter);
            WriteEndOfTrack(conductor, 0);
            WriteChunk(file, "MTrk"u8, conductor);

            var track = new List<byte>();
            WriteTrackName(track, options.TrackName);
            WriteChannelEvents(track, events);
            WriteChunk(file, "MTrk"u8, track);
        }
        return [.. file];
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

    private static void WriteHeader(List<byte> file, int format, int tracks, int ppq)
    {
        file.AddRange("MThd"u8);
        AddUInt32(file, 6);
        AddUInt16(file, format);
        AddUInt16(file, tracks);
        AddUInt16(file, ppq);
    }

    private static void WriteChunk(List<byte> file, ReadOnlySpan<byte> id, List<byte> body)
    {
        file.AddRange(id);
        AddUInt32(file, body.Count);
        file.AddRange(body);
    }

    private static void WriteTrackName(List<byte> track, string name)
    {
        byte[] text = Encoding.UTF8.GetBytes(name);
        track.Add(0); // delta
        track.Add(0xFF);
        track.Add(0x03);
        VariableLengthQuantity.Write(track, text.Length);
        track.AddRange(text);
    }

    private static void WriteTempo(List<byte> track, int microsPerQuarter)
    {
        track.AddRange([0, 0xFF, 0x51, 0x03, (byte)(microsPerQuarter >> 16), (byte)(microsPerQuarter >> 8), (byte)microsPerQuarter]);
    }

    private static void WriteChannelEvents(List<byte> track, List<TimedEvent> events)
    {
        long previous = 0;
        foreach (var e in events)
        {
            WriteDelta(track, e.Tick - previous);
            previous = e.Tick;
            track.Add(e.Status);
            track.Add(e.Data1);
            track.Add(e.Data2);
        }
        WriteEndOfTrack(track, 0);
    }

    private static void WriteEndOfTrack(List<byte> track, long delta)
    {
        WriteDelta(track, delta);
        track.AddRange([0xFF, 0x2F, 0x00]);
    }

    private static void WriteDelta(List<byte> track, long delta)
    {
        if (delta > VariableLengthQuantity.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Events are too far apart for one MIDI delta time; use a smaller PPQ or shorter gaps.");
        VariableLengthQuantity.Write(track, (int)delta);
    }

    private static void AddUInt32(List<byte> output, int value)
    {
        output.Add((byte)(value >> 24));
        output.Add((byte)(value >> 16));
        output.Add((byte)(value >> 8));
        output.Add((byte)value);
    }

    private static void AddUInt16(List<byte> output, int value)
    {
        output.Add((byte)(value >> 8));
        output.Add((byte)value);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
