using NAudio.Wave;

namespace Audio2Midi.IO;

/// <summary>
/// Turns the format NAudio parsed from a fmt chunk into one of ours, or says in our words why it cannot
/// be read. NAudio accepts any fmt chunk; the limits here are what the engines and the writer support.
/// </summary>
internal static class WavFormatCheck
{
    public static WavSampleFormat Check(WaveFormat format, string path)
    {
        int channels = format.Channels;
        int bits = format.BitsPerSample;
        WaveFormatEncoding encoding = format.Encoding;

        if (encoding == WaveFormatEncoding.Extensible)
        {
            // NAudio's fmt parser keeps the extensible fields as extra bytes: valid bits, channel mask, subformat.
            if (format is not WaveFormatExtraData { ExtraData.Length: >= 22 } extra)
                throw new AudioFileException(path, "WAVE_FORMAT_EXTENSIBLE fmt chunk too short (need 40 bytes)");
            int validBits = BitConverter.ToUInt16(extra.ExtraData, 0);
            var sub = new Guid(extra.ExtraData.AsSpan(6, 16));
            if (sub == AudioMediaSubtypes.MEDIASUBTYPE_PCM)
                encoding = WaveFormatEncoding.Pcm;
            else if (sub == AudioMediaSubtypes.MEDIASUBTYPE_IEEE_FLOAT)
                encoding = WaveFormatEncoding.IeeeFloat;
            else
                throw new AudioFileException(path, $"unsupported WAVE_FORMAT_EXTENSIBLE subformat {sub}");
            // Valid bits below the container size are left-justified, so decoding by container is right.
            if (validBits > bits)
                throw new AudioFileException(path, $"bad extensible header: {validBits} valid bits in a {bits}-bit container");
        }

        if (channels == 0)
            throw new AudioFileException(path, "zero channels");
        if (channels > WavConstants.MaxChannels)
            throw new AudioFileException(path, $"{channels} channels is more than the {WavConstants.MaxChannels} supported");
        if (format.SampleRate < WavConstants.MinSampleRate || format.SampleRate > WavConstants.MaxSampleRate)
            throw new AudioFileException(path,
                $"sample rate {(uint)format.SampleRate} Hz is outside the supported {WavConstants.MinSampleRate}..{WavConstants.MaxSampleRate} Hz");

        WavSampleFormat ours = encoding switch
        {
            WaveFormatEncoding.Pcm => bits switch
            {
                8 => WavSampleFormat.Pcm8,
                16 => WavSampleFormat.Pcm16,
                24 => WavSampleFormat.Pcm24,
                32 => WavSampleFormat.Pcm32,
                _ => throw new AudioFileException(path, $"unsupported PCM bit depth {bits} (supported: 8, 16, 24, 32)"),
            },
            WaveFormatEncoding.IeeeFloat => bits switch
            {
                32 => WavSampleFormat.Float32,
                64 => WavSampleFormat.Float64,
                _ => throw new AudioFileException(path, $"unsupported float bit depth {bits} (supported: 32, 64)"),
            },
            _ => throw new AudioFileException(path,
                $"unsupported format tag 0x{(ushort)encoding:X4} ({WavConstants.DescribeTag((ushort)encoding)}); only PCM and IEEE float WAV can be read"),
        };

        int expectedAlign = channels * ours.BytesPerSample();
        if (format.BlockAlign != expectedAlign)
            throw new AudioFileException(path,
                $"bad block align {format.BlockAlign} (expected {expectedAlign} for {channels} channels of {bits} bits)");
        return ours;
    }

    /// <summary>
    /// The plain PCM or IEEE float format with the same bytes: NAudio's converters are chosen by it, and
    /// they do not recognise an extensible header that came back from its fmt parser as extra bytes.
    /// </summary>
    public static WaveFormat Plain(WavSampleFormat format, int sampleRate, int channels)
    {
        int blockAlign = channels * format.BytesPerSample();
        return format.IsFloat()
            ? WaveFormat.CreateCustomFormat(WaveFormatEncoding.IeeeFloat, sampleRate, channels, sampleRate * blockAlign, blockAlign, format.BitsPerSample())
            : new WaveFormat(sampleRate, format.BitsPerSample(), channels);
    }
}
