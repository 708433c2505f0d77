namespace Audio2Midi.IO;

/// <summary>How samples are stored in a WAV data chunk. PCM 8-bit is unsigned, the others signed.</summary>
public enum WavSampleFormat
{
    Pcm8,
    Pcm16,
    Pcm24,
    Pcm32,
    Float32,
    Float64,
}

/// <summary>Sizes and kinds of <see cref="WavSampleFormat"/>, in one place so reader and writer agree.</summary>
internal static class WavSampleFormatInfo
{
    public static int BytesPerSample(this WavSampleFormat format) => format switch
    {
        WavSampleFormat.Pcm8 => 1,
        WavSampleFormat.Pcm16 => 2,
        WavSampleFormat.Pcm24 => 3,
        WavSampleFormat.Pcm32 or WavSampleFormat.Float32 => 4,
        WavSampleFormat.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown WAV sample format"),
    };

    public static int BitsPerSample(this WavSampleFormat format) => format.BytesPerSample() * 8;

    public static bool IsFloat(this WavSampleFormat format) =>
        format is WavSampleFormat.Float32 or WavSampleFormat.Float64;
}
