using Audio2Midi.IO;

namespace Audio2Midi.Midi;

/// <summary>The events of one track that the reader uses, at absolute ticks; everything else is dropped while parsing.</summary>
internal enum MidiEventKind : byte { NoteOn, NoteOff, PitchBend, Tempo }

/// <summary>
/// <paramref name="Value"/> holds velocity for notes, the centred bend for pitch bends and
/// microseconds per quarter for tempo.
/// </summary>
internal readonly record struct MidiTrackEvent(long Tick, MidiEventKind Kind, int Channel, int Pitch, int Value);

internal sealed class MidiTrack
{
    public required int Number { get; init; }
    public required List<MidiTrackEvent> Events { get; init; }
    public required long EndTick { get; init; }
    public required bool HasEndOfTrack { get; init; }
}

/// <summary>Decodes the event stream of one MTrk chunk (deltas, running status, meta, sysex, channel messages).</summary>
internal static class MidiTrackParser
{
    private const byte MetaEndOfTrack = 0x2F;
    private const byte MetaTempo = 0x51;

    /// <param name="data">The chunk body only.</param>
    /// <param name="fileOffset">Where the body starts in the file, so errors can give an absolute byte position.</param>
    /// <param name="trackNumber">1-based, as DAWs count tracks.</param>
    public static MidiTrack Parse(ReadOnlySpan<byte> data, long fileOffset, int trackNumber, string fileName)
    {
        var events = new List<MidiTrackEvent>();
        long tick = 0;
        int pos = 0;
        int runningStatus = 0; // 0 = none yet
        bool endOfTrack = false;

        while (pos < data.Length)
        {
            int eventStart = pos;
            tick += ReadVlq(data, ref pos, "delta time");

            if (pos >= data.Length)
                throw Error("event truncated after its delta time");

            int status = data[pos];
            if (status >= 0x80)
            {
                pos++;
            }
            else
            {
                // A data byte where a status byte belongs means "repeat the previous channel status".
                if (runningStatus == 0)
                    throw Error($"running status without a previous status byte (data byte 0x{status:X2})");
                status = runningStatus;
            }

            if (status == 0xFF)
            {
                int type = ReadByte(data, ref pos, "meta event type");
                int length = ReadVlq(data, ref pos, "meta event length");
                ReadOnlySpan<byte> body = Take(data, ref pos, length, "meta event");
                if (type == MetaEndOfTrack)
                {
                    endOfTrack = true;
                    break;
                }
                if (type == MetaTempo)
                {
                    if (length != 3)
                        throw Error($"tempo meta event has length {length}, expected 3", eventStart);
                    int micros = (body[0] << 16) | (body[1] << 8) | body[2];
                    if (micros == 0)
                        throw Error("tempo meta event of 0 microseconds per quarter", eventStart);
                    events.Add(new MidiTrackEvent(tick, MidiEventKind.Tempo, 0, 0, micros));
                }
                // Running status is kept across meta and sysex events: the spec says they cancel it,
                // but files in the wild rely on it, and a data byte here can mean nothing else.
                continue;
            }

            if (status is 0xF0 or 0xF7)
            {
                int length = ReadVlq(data, ref pos, "sysex length");
                Take(data, ref pos, length, "sysex event");
                continue;
            }

            if (status >= 0xF0)
                throw Error($"status byte 0x{status:X2} (system common/real-time) is not allowed in a MIDI file", eventStart);

            runningStatus = status;
            int channel = status & 0x0F;
            int kind = status & 0xF0;
            int data1 = ReadDataByte(data, ref pos);
            // Program change (0xC_) and channel pressure (0xD_) carry one data byte, the rest two.
            int data2 = kind is 0xC0 or 0xD0 ? 0 : ReadDataByte(data, ref pos);

            switch (kind)
            {
                case 0x80:
                    events.Add(new MidiTrackEvent(tick, MidiEventKind.NoteOff, channel, data1, data2));
                    break;
                case 0x90:
                    // Velocity 0 is the usual way to write a note-off (it keeps running status going).
                    events.Add(new MidiTrackEvent(tick, data2 == 0 ? MidiEventKind.NoteOff : MidiEventKind.NoteOn, channel, data1, data2));
                    break;
                case 0xE0:
                    events.Add(new MidiTrackEvent(tick, MidiEventKind.PitchBend, channel, 0, ((data2 << 7) | data1) - 8192));
                    break;
            }
        }

        return new MidiTrack { Number = trackNumber, Events = events, EndTick = tick, HasEndOfTrack = endOfTrack };

        AudioFileException Error(string problem, int? at = null) =>
            new(fileName, $"track {trackNumber} at byte {fileOffset + (at ?? pos)}: {problem}");

        int ReadByte(ReadOnlySpan<byte> d, ref int p, string what)
        {
            if (p >= d.Length)
                throw Error($"track ends inside a {what}");
            return d[p++];
        }

        int ReadDataByte(ReadOnlySpan<byte> d, ref int p)
        {
            int b = ReadByte(d, ref p, "channel message");
            if (b >= 0x80)
                throw Error($"status byte 0x{b:X2} where a data byte was expected", p - 1);
            return b;
        }

        int ReadVlq(ReadOnlySpan<byte> d, ref int p, string what)
        {
            int start = p;
            switch (VariableLengthQuantity.TryRead(d, ref p, out int value))
            {
                case VariableLengthQuantity.ReadResult.Ok:
                    return value;
                case VariableLengthQuantity.ReadResult.TooLong:
                    throw Error($"{what} is a variable-length number longer than 4 bytes", start);
                default:
                    throw Error($"track ends inside a {what}", start);
            }
        }

        ReadOnlySpan<byte> Take(ReadOnlySpan<byte> d, ref int p, int length, string what)
        {
            if (length > d.Length - p)
                throw Error($"{what} of {length} bytes runs past the end of the track ({d.Length - p} left)");
            var slice = d.Slice(p, length);
            p += length;
            return slice;
        }
    }
}
