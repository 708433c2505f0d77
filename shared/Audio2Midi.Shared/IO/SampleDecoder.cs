using System.Buffers.Binary;

namespace Audio2Midi.IO;

/// <summary>Turns little-endian WAV sample bytes into floats (full scale = 1.0).</summary>
internal static class SampleDecoder
{
    /// <summary>Decodes <c>source.Length / bytesPerSample</c> samples into <paramref name="destination"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> source, WavSampleFormat format, Span<float> destination)
    {
        switch (format)
        {
            case WavSampleFormat.Pcm8:
                // 8-bit WAV is unsigned with 128 as silence.
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = (source[i] - 128) * (1f / 128f);
                break;
            case WavSampleFormat.Pcm16:
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]) * (1f / 32768f);
                break;
            case WavSampleFormat.Pcm24:
                for (int i = 0; i < destination.Length; i++)
                {
                    int o = 3 * i;
                    // Assemble in the top 24 bits, then shift down arithmetically to sign-extend.
                    int v = (source[o] << 8) | (source[o + 1] << 16) | (source[o + 2] << 24);
                    destination[i] = (v >> 8) * (1f / 8388608f);
                }
                break;
            case WavSampleFormat.Pcm32:
                // Scale in double: a float cannot hold 32-bit integers exactly.
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]) * (1.0 / 2147483648.0));
                break;
            case WavSampleFormat.Float32:
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
                break;
            case WavSampleFormat.Float64:
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown WAV sample format");
        }
    }
}
