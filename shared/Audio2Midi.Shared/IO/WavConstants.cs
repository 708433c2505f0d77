namespace Audio2Midi.IO;

/// <summary>Limits, codec names and channel masks shared by reader and writer.</summary>
internal static class WavConstants
{
    public const int MinSampleRate = 8000;
    public const int MaxSampleRate = 192000;
    public const int MaxChannels = 64;

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
