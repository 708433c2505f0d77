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
/// Version 3 adds, after the entries, the selected preset by identity (<see cref="PresetRecordSize"/> bytes: its
/// name in UTF-8, zero-padded to <see cref="PresetNameBytes"/>, then the 32-byte SHA-256 of its ONNX file, zeros
/// for pYIN), because the Preset parameter's index depends on what is installed on the machine that loads it.
/// </summary>
internal static class PluginState
{
    public const ushort Version = 3;
    public const int PresetNameBytes = 128;
    public const int PresetRecordSize = PresetNameBytes + 32;

    /// <summary>A preset as a state names it: its name and its ONNX file's SHA-256 (hex; null for pYIN).</summary>
    public readonly record struct PresetIdentity(string Name, string? Sha256);
    public const int HeaderSize = 8;
    public const int EntrySize = 12;
    public const int MaxEntries = 1024;
    public static ReadOnlySpan<byte> ProcessorMagic => "A2MP"u8;
    public static ReadOnlySpan<byte> ControllerMagic => "A2MC"u8;

    /// <param name="preset">The preset to name; default: the one the Preset value selects in this module's menu.</param>
    public static byte[] WriteProcessor(ReadOnlySpan<double> plainValues, PresetIdentity? given = null)
    {
        PresetIdentity preset = given ?? IdentityOf(ProgramList.Entry((int)Math.Round(plainValues[(int)ParameterId.Engine])));
        var blob = new byte[HeaderSize + plainValues.Length * EntrySize + PresetRecordSize + 4];
        WriteHeader(blob, ProcessorMagic, plainValues.Length);
        for (int i = 0; i < plainValues.Length; i++)
        {
            Span<byte> entry = blob.AsSpan(HeaderSize + i * EntrySize, EntrySize);
            BinaryPrimitives.WriteUInt32LittleEndian(entry, (uint)Parameters.All[i].Id);
            BinaryPrimitives.WriteDoubleLittleEndian(entry.Slice(4), plainValues[i]);
        }
        Span<byte> record = blob.AsSpan(HeaderSize + plainValues.Length * EntrySize, PresetRecordSize);
        WriteName(record[..PresetNameBytes], preset.Name);
        if (preset.Sha256 is { Length: 64 } sha && IsHex(sha)) Convert.FromHexString(sha).CopyTo(record[PresetNameBytes..]);
        Seal(blob);
        return blob;
    }

    public static PresetIdentity IdentityOf(Audio2Midi.Presets.PresetEntry entry) => new(entry.Name, entry.Sha256);

    /// <summary>UTF-8, cut at a character boundary to fit; the rest stays zero.</summary>
    private static void WriteName(Span<byte> destination, string name)
    {
        int length = name.Length;
        while (System.Text.Encoding.UTF8.GetByteCount(name.AsSpan(0, length)) > destination.Length) length--;
        if (length > 0 && char.IsHighSurrogate(name[length - 1])) length--;
        System.Text.Encoding.UTF8.GetBytes(name.AsSpan(0, length), destination);
    }

    private static bool IsHex(string s) => s.All(Uri.IsHexDigit);

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
        bool processor = magic.SequenceEqual(ProcessorMagic);
        return HeaderSize + count * EntrySize + (processor && version >= 3 ? PresetRecordSize : 0) + 4;
    }

    /// <summary>
    /// Parses a processor blob into plain values (defaults for ids it lacks) and the preset it names (null before
    /// version 3: then the Preset parameter's index stands, and index 0 was always pYIN); false if the blob is not valid.
    /// </summary>
    public static bool TryReadProcessor(ReadOnlySpan<byte> blob, out double[] plainValues, out PresetIdentity? preset)
    {
        plainValues = Parameters.DefaultPlainValues();
        preset = null;
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
        if (version >= 3)
        {
            ReadOnlySpan<byte> record = blob.Slice(HeaderSize + count * EntrySize, PresetRecordSize);
            ReadOnlySpan<byte> name = record[..PresetNameBytes];
            int end = name.IndexOf((byte)0);
            string text;
            try
            {
                text = new System.Text.UTF8Encoding(false, true).GetString(end < 0 ? name : name[..end]);
            }
            catch (System.Text.DecoderFallbackException)
            {
                return false;
            }
            ReadOnlySpan<byte> sha = record[PresetNameBytes..];
            preset = new PresetIdentity(text, sha.IndexOfAnyExcept((byte)0) < 0 ? null : Convert.ToHexStringLower(sha));
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
