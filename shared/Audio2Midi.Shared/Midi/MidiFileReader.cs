using System.Buffers.Binary;
using System.Text;
using Audio2Midi.IO;

namespace Audio2Midi.Midi;

/// <summary>
/// Reads Standard MIDI Files (format 0, 1 and 2; PPQ or SMPTE timing) into notes and pitch bends in seconds.
/// Every malformed, truncated or unsupported file raises <see cref="AudioFileException"/> naming the file.
/// </summary>
public static class MidiFileReader
{
    public static MidiFileContent Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new AudioFileException(path, $"cannot read the file: {ex.Message}", ex);
        }
        return Parse(bytes, path);
    }

    public static MidiFileContent Read(Stream stream, string nameForErrors)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(nameForErrors);
        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        catch (IOException ex)
        {
            throw new AudioFileException(nameForErrors, $"cannot read the stream: {ex.Message}", ex);
        }
        return Parse(bytes, nameForErrors);
    }

    private static MidiFileContent Parse(ReadOnlySpan<byte> file, string name)
    {
        var warnings = new MidiReadWarnings();

        if (file.Length == 0)
            throw new AudioFileException(name, "the file is empty");
        if (file.Length < 8 || !file[..4].SequenceEqual("MThd"u8))
            throw new AudioFileException(name, "not a MIDI file (it does not start with \"MThd\")");
        uint headerLength = BinaryPrimitives.ReadUInt32BigEndian(file[4..8]);
        if (headerLength < 6)
            throw new AudioFileException(name, $"MThd header is {headerLength} bytes long, expected at least 6");
        if (headerLength > (uint)(file.Length - 8))
            throw new AudioFileException(name, "file is truncated inside the MThd header");

        int format = BinaryPrimitives.ReadUInt16BigEndian(file[8..10]);
        int declaredTracks = BinaryPrimitives.ReadUInt16BigEndian(file[10..12]);
        int division = BinaryPrimitives.ReadUInt16BigEndian(file[12..14]);

        if (format > 2)
            throw new AudioFileException(name, $"unsupported MIDI file format {format} (only 0, 1 and 2 exist)");
        if (declaredTracks == 0)
            throw new AudioFileException(name, "the header declares no tracks");
        if (format == 0 && declaredTracks != 1)
            warnings.Add($"format 0 file declares {declaredTracks} tracks instead of 1; all are read");
        if (format == 2)
            warnings.Add("format 2 file: its independent sequences are read as if they played together from time 0");

        var (ppq, smpteTempo) = DecodeDivision(division, name);

        // Chunks: MTrk bodies are parsed, any other chunk type is skipped as the spec asks.
        var tracks = new List<MidiTrack>();
        long pos = 8 + headerLength;
        while (pos < file.Length)
        {
            if (file.Length - pos < 8)
            {
                if (tracks.Count >= declaredTracks)
                {
                    warnings.Add($"{file.Length - pos} stray bytes after the last chunk ignored");
                    break;
                }
                throw new AudioFileException(name, $"truncated chunk header at byte {pos}");
            }
            var id = file.Slice((int)pos, 4);
            uint length = BinaryPrimitives.ReadUInt32BigEndian(file.Slice((int)pos + 4, 4));
            long bodyStart = pos + 8;
            bool isTrack = id.SequenceEqual("MTrk"u8);
            if (length > file.Length - bodyStart)
            {
                string what = isTrack ? $"track {tracks.Count + 1}" : $"chunk \"{Printable(id)}\"";
                throw new AudioFileException(name,
                    $"{what} at byte {pos} is truncated: it declares {length} bytes but only {file.Length - bodyStart} remain");
            }
            if (isTrack)
                tracks.Add(MidiTrackParser.Parse(file.Slice((int)bodyStart, (int)length), bodyStart, tracks.Count + 1, name));
            pos = bodyStart + length;
        }

        if (tracks.Count < declaredTracks)
            throw new AudioFileException(name, $"the header declares {declaredTracks} tracks but the file holds only {tracks.Count} (truncated?)");
        if (tracks.Count > declaredTracks)
            warnings.Add($"the header declares {declaredTracks} tracks but the file holds {tracks.Count}; all are read");

        foreach (var track in tracks)
            if (!track.HasEndOfTrack)
                warnings.Add($"track {track.Number} has no end-of-track event");

        var tempo = BuildTempoMap(tracks, ppq, smpteTempo, warnings);
        var notes = new List<MidiNote>();
        var bends = new List<MidiPitchBend>();
        long endTick = 0;
        foreach (var track in tracks)
        {
            CollectNotesAndBends(track, tempo, notes, bends, warnings);
            endTick = Math.Max(endTick, track.EndTick);
        }

        notes.Sort(static (a, b) =>
        {
            int c = a.OnsetSeconds.CompareTo(b.OnsetSeconds);
            if (c == 0) c = a.Pitch.CompareTo(b.Pitch);
            if (c == 0) c = a.Channel.CompareTo(b.Channel);
            return c != 0 ? c : a.OffsetSeconds.CompareTo(b.OffsetSeconds);
        });
        // Stable: bends at one time keep their file order, which decides the pitch that sounds.
        var sortedBends = bends.Select((b, i) => (b, i)).OrderBy(x => x.b.Seconds).ThenBy(x => x.i).Select(x => x.b).ToList();

        return new MidiFileContent
        {
            Format = format,
            Ppq = ppq,
            Tempo = tempo,
            Notes = notes,
            PitchBends = sortedBends,
            Warnings = warnings.ToList(),
            DurationSeconds = tempo.TicksToSeconds(endTick),
        };
    }

    /// <summary>
    /// PPQ division: ticks per quarter, tempo from the file. SMPTE division (top bit set): the high byte is
    /// minus the frame rate, the low byte ticks per frame; expressed as an equivalent PPQ map with a fixed
    /// tempo so the rest of the reader needs no special case.
    /// </summary>
    private static (int Ppq, int? FixedMicrosecondsPerQuarter) DecodeDivision(int division, string name)
    {
        if ((division & 0x8000) == 0)
        {
            if (division == 0)
                throw new AudioFileException(name, "the header gives 0 ticks per quarter note");
            return (division, null);
        }

        int framesPerSecond = -(sbyte)(division >> 8);
        int ticksPerFrame = division & 0xFF;
        if (framesPerSecond is not (24 or 25 or 29 or 30))
            throw new AudioFileException(name, $"unsupported SMPTE frame rate {framesPerSecond} (expected 24, 25, 29 or 30)");
        if (ticksPerFrame == 0)
            throw new AudioFileException(name, "the header gives 0 ticks per SMPTE frame");

        // 29 means 29.97 (30000/1001) frames per second: 30 * ticksPerFrame ticks per 1.001 s.
        return framesPerSecond == 29
            ? (30 * ticksPerFrame, 1_001_000)
            : (framesPerSecond * ticksPerFrame, 1_000_000);
    }

    private static TempoMap BuildTempoMap(List<MidiTrack> tracks, int ppq, int? smpteTempo, MidiReadWarnings warnings)
    {
        if (smpteTempo is int fixedTempo)
        {
            if (tracks.Any(t => t.Events.Any(e => e.Kind == MidiEventKind.Tempo)))
                warnings.Add("tempo events ignored: the file uses SMPTE timing");
            return new TempoMap(ppq, [(0, fixedTempo)]);
        }

        // Tempo belongs in the first track of a format 1 file, but is taken from every track so that
        // files which put it elsewhere still play at the right speed. Track order breaks ties at one tick.
        var changes = new List<(long Tick, int MicrosecondsPerQuarter)>();
        foreach (var track in tracks)
            foreach (var e in track.Events)
                if (e.Kind == MidiEventKind.Tempo)
                    changes.Add((e.Tick, e.Value));
        return new TempoMap(ppq, changes);
    }

    /// <summary>
    /// Pairs note-ons with note-offs per track, channel and pitch, first-in first-out, so overlapping
    /// notes of one pitch keep their order. Each absolute tick goes through the tempo map on its own.
    /// </summary>
    private static void CollectNotesAndBends(MidiTrack track, TempoMap tempo, List<MidiNote> notes, List<MidiPitchBend> bends, MidiReadWarnings warnings)
    {
        var open = new Dictionary<int, Queue<(long Tick, int Velocity)>>();
        foreach (var e in track.Events)
        {
            switch (e.Kind)
            {
                case MidiEventKind.NoteOn:
                {
                    int key = e.Channel * 128 + e.Pitch;
                    if (!open.TryGetValue(key, out var queue))
                        open[key] = queue = new Queue<(long, int)>();
                    queue.Enqueue((e.Tick, e.Value));
                    break;
                }
                case MidiEventKind.NoteOff:
                {
                    int key = e.Channel * 128 + e.Pitch;
                    if (open.TryGetValue(key, out var queue) && queue.Count > 0)
                    {
                        var (onTick, velocity) = queue.Dequeue();
                        notes.Add(new MidiNote(tempo.TicksToSeconds(onTick), tempo.TicksToSeconds(e.Tick), e.Pitch, velocity, e.Channel));
                    }
                    else
                    {
                        warnings.Add($"track {track.Number}: note-off without note-on (channel {e.Channel}, pitch {e.Pitch} at {tempo.TicksToSeconds(e.Tick):0.###} s) ignored");
                    }
                    break;
                }
                case MidiEventKind.PitchBend:
                    bends.Add(new MidiPitchBend(tempo.TicksToSeconds(e.Tick), e.Value, e.Channel));
                    break;
            }
        }

        foreach (var (key, queue) in open.OrderBy(kv => kv.Key))
        {
            foreach (var (onTick, velocity) in queue)
            {
                int channel = key / 128, pitch = key % 128;
                notes.Add(new MidiNote(tempo.TicksToSeconds(onTick), tempo.TicksToSeconds(track.EndTick), pitch, velocity, channel));
                warnings.Add($"track {track.Number}: note-on without note-off (channel {channel}, pitch {pitch} at {tempo.TicksToSeconds(onTick):0.###} s) closed at end of track");
            }
        }
    }

    private static string Printable(ReadOnlySpan<byte> id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (byte b in id)
            sb.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        return sb.ToString();
    }
}
