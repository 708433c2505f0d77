namespace Audio2Midi.IO;

/// <summary>Format tags, limits and the KSDATAFORMAT subformat GUID layout shared by reader and writer.</summary>
internal static class WavConstants
{
    public const ushort TagPcm = 0x0001;
    public const ushort TagFloat = 0x0003;
    public const ushort TagExtensible = 0xFFFE;

    public const int MinSampleRate = 8000;
    public const int MaxSampleRate = 192000;
    public const int MaxChannels = 64;

    /// <summary>
    /// The subformat GUIDs for PCM and float differ only in their first two bytes (the old format tag);
    /// these are the 14 bytes that follow, as stored in the file (00000000-0000-0010-8000-00AA00389B71).
    /// </summary>
    public static ReadOnlySpan<byte> SubformatGuidTail =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>Names for tags that turn up in the wild, so the error says what the file is.</summary>
    public static string DescribeTag(ushort tag) => tag switch
    {
        0x0002 => "Microsoft ADPCM",
        0x0006 => "A-law",
        0x0007 => "mu-law",
        0x0011 => "IMA ADPCM",
        0x0031 => "GSM 6.10",
        0x0050 => "MPEG",
        0x0055 => "MPEG Layer 3",
        0x00FF => "AAC",
        0x2000 => "AC-3",
        _ => "unknown codec",
    };

    /// <summary>
    /// A speaker mask for common layouts (mono, stereo, 5.1, 7.1 ...); 0 ("unspecified") otherwise,
    /// which the spec allows and players treat as "channels in file order".
    /// </summary>
    public static uint DefaultChannelMask(int channels) => channels switch
    {
        1 => 0x4,       // front centre
        2 => 0x3,       // front left, right
        3 => 0x7,       // + front centre
        4 => 0x33,      // quad: FL FR BL BR
        5 => 0x37,      // 5.0
        6 => 0x3F,      // 5.1
        7 => 0x13F,     // 6.1
        8 => 0x63F,     // 7.1
        _ => 0,
    };
}
