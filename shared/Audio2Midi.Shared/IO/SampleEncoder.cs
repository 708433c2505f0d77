using System.Buffers.Binary;

namespace Audio2Midi.IO;

/// <summary>Turns floats into little-endian WAV sample bytes; PCM is clipped to [-1, 1] and rounded.</summary>
internal static class SampleEncoder
{
    /// <summary>Encodes all of <paramref name="source"/>; destination must hold source.Length * bytesPerSample.</summary>
    public static void Encode(ReadOnlySpan<float> source, WavSampleFormat format, Span<byte> destination)
    {
        switch (format)
        {
            case WavSampleFormat.Pcm8:
                for (int i = 0; i < source.Length; i++)
                    destination[i] = (byte)(Quantize(source[i], 128.0, -128, 127) + 128);
                break;
            case WavSampleFormat.Pcm16:
                for (int i = 0; i < source.Length; i++)
                    BinaryPrimitives.WriteInt16LittleEndian(destination[(2 * i)..], (short)Quantize(source[i], 32768.0, short.MinValue, short.MaxValue));
                break;
            case WavSampleFormat.Pcm24:
                for (int i = 0; i < source.Length; i++)
                {
                    int v = Quantize(source[i], 8388608.0, -8388608, 8388607);
                    int o = 3 * i;
                    destination[o] = (byte)v;
                    destination[o + 1] = (byte)(v >> 8);
                    destination[o + 2] = (byte)(v >> 16);
                }
                break;
            case WavSampleFormat.Pcm32:
                for (int i = 0; i < source.Length; i++)
                    BinaryPrimitives.WriteInt32LittleEndian(destination[(4 * i)..], Quantize(source[i], 2147483648.0, int.MinValue, int.MaxValue));
                break;
            case WavSampleFormat.Float32:
                for (int i = 0; i < source.Length; i++)
                    BinaryPrimitives.WriteSingleLittleEndian(destination[(4 * i)..], source[i]);
                break;
            case WavSampleFormat.Float64:
                for (int i = 0; i < source.Length; i++)
                    BinaryPrimitives.WriteDoubleLittleEndian(destination[(8 * i)..], source[i]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown WAV sample format");
        }
    }

    /// <summary>
    /// Same scale as the decoder (x * 2^(bits-1)) so that a round trip is within one step; +1.0 clips to
    /// the largest code. NaN becomes silence rather than an arbitrary code.
    /// </summary>
    private static int Quantize(float x, double scale, int min, int max)
    {
        if (float.IsNaN(x))
            return 0;
        double v = Math.Round(x * scale, MidpointRounding.ToEven);
        return v <= min ? min : v >= max ? max : (int)v;
    }
}
