using System.Buffers.Binary;

namespace Audio2Midi.Plugin;

/// <summary>
/// The saved state, versioned and checked. Processor blob: "A2MP", version (u16), count (u16),
/// count x (parameter id u32, plain value f64), FNV-1a checksum (u32) of everything before it; little-endian.
/// Controller blob: "A2MC", version, count 0, checksum (the controller keeps nothing of its own yet).
/// A blob with another magic, a newer version, a wrong length or checksum is rejected whole.
/// Unknown parameter ids are skipped (a newer minor layout), missing ones keep their defaults.
/// Version 2 added the Latency parameter; a version 1 state (saved before it existed, when audio passed
/// undelayed and notes left as soon as they were decided) loads on the Instant step, which does exactly that.
/// </summary>
internal static class PluginState
{
    public const ushort Version = 2;
    public const int HeaderSize = 8;
    public const int EntrySize = 12;
    public const int MaxEntries = 1024;
    public static ReadOnlySpan<byte> ProcessorMagic => "A2MP"u8;
    public static ReadOnlySpan<byte> ControllerMagic => "A2MC"u8;

    public static byte[] WriteProcessor(ReadOnlySpan<double> plainValues)
    {
        var blob = new byte[HeaderSize + plainValues.Length * EntrySize + 4];
        WriteHeader(blob, ProcessorMagic, plainValues.Length);
        for (int i = 0; i < plainValues.Length; i++)
        {
            Span<byte> entry = blob.AsSpan(HeaderSize + i * EntrySize, EntrySize);
            BinaryPrimitives.WriteUInt32LittleEndian(entry, (uint)Parameters.All[i].Id);
            BinaryPrimitives.WriteDoubleLittleEndian(entry.Slice(4), plainValues[i]);
        }
        Seal(blob);
        return blob;
    }

    public static byte[] WriteController()
    {
        var blob = new byte[HeaderSize + 4];
        WriteHeader(blob, ControllerMagic, 0);
        Seal(blob);
        return blob;
    }

    /// <summary>The whole length of a blob whose first <see cref="HeaderSize"/> bytes are <paramref name="header"/>, or -1 if it is not ours.</summary>
    public static int TotalLength(ReadOnlySpan<byte> header, ReadOnlySpan<byte> magic)
    {
        if (header.Length < HeaderSize || !header.Slice(0, 4).SequenceEqual(magic)) return -1;
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(4));
        ushort count = BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(6));
        if (version == 0 || version > Version || count > MaxEntries) return -1;
        return HeaderSize + count * EntrySize + 4;
    }

    /// <summary>Parses a processor blob into plain values (defaults for ids it lacks); false if the blob is not valid.</summary>
    public static bool TryReadProcessor(ReadOnlySpan<byte> blob, out double[] plainValues)
    {
        plainValues = Parameters.DefaultPlainValues();
        int length = TotalLength(blob, ProcessorMagic);
        if (length < 0 || blob.Length != length || !ChecksumMatches(blob)) return false;
        int count = BinaryPrimitives.ReadUInt16LittleEndian(blob.Slice(6));
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(blob.Slice(4));
        var values = Parameters.DefaultPlainValues();
        if (version < 2) values[(int)ParameterId.Latency] = Parameters.LatencyPlain(0);
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> entry = blob.Slice(HeaderSize + i * EntrySize, EntrySize);
            uint id = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            double value = BinaryPrimitives.ReadDoubleLittleEndian(entry.Slice(4));
            ParameterDefinition? p = Parameters.Find(id);
            if (p is null) continue;
            if (!double.IsFinite(value)) return false;
            values[id] = p.Sanitize(value);
        }
        plainValues = values;
        return true;
    }

    public static bool IsValidController(ReadOnlySpan<byte> blob)
    {
        int length = TotalLength(blob, ControllerMagic);
        return length >= 0 && blob.Length == length && ChecksumMatches(blob);
    }

    private static void WriteHeader(Span<byte> blob, ReadOnlySpan<byte> magic, int count)
    {
        magic.CopyTo(blob);
        BinaryPrimitives.WriteUInt16LittleEndian(blob.Slice(4), Version);
        BinaryPrimitives.WriteUInt16LittleEndian(blob.Slice(6), (ushort)count);
    }

    private static void Seal(Span<byte> blob) =>
        BinaryPrimitives.WriteUInt32LittleEndian(blob.Slice(blob.Length - 4), Fnv1a(blob.Slice(0, blob.Length - 4)));

    private static bool ChecksumMatches(ReadOnlySpan<byte> blob) =>
        BinaryPrimitives.ReadUInt32LittleEndian(blob.Slice(blob.Length - 4)) == Fnv1a(blob.Slice(0, blob.Length - 4));

    private static uint Fnv1a(ReadOnlySpan<byte> data)
    {
        uint h = 2166136261;
        foreach (byte b in data) h = (h ^ b) * 16777619;
        return h;
    }
}
