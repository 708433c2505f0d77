using System.Buffers.Binary;
using System.Text;

namespace Audio2Midi.IO;

/// <summary>What the header says about the data chunk; <see cref="DataBytes"/> is -1 when unknown.</summary>
internal readonly record struct WavStreamInfo(WavSampleFormat Format, int Channels, int SampleRate, long DataBytes)
{
    public int BlockAlign => Channels * Format.BytesPerSample();
}

/// <summary>
/// Walks the RIFF chunks up to the start of the data chunk and validates the fmt chunk. Works on
/// non-seekable streams too (ffmpeg's stdout), so it only ever reads forward.
/// </summary>
internal static class WavHeaderParser
{
    private const uint UnknownSize = 0xFFFFFFFF;

    /// <param name="zeroSizeMeansUnknown">
    /// Streaming writers (ffmpeg on a pipe) cannot go back to fill in sizes and leave 0 or 0xFFFFFFFF.
    /// </param>
    /// <returns>The format; the stream is left at the first data byte.</returns>
    public static WavStreamInfo Parse(Stream stream, string path, bool zeroSizeMeansUnknown)
    {
        Span<byte> head = stackalloc byte[12];
        int got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (got == 0)
            throw new AudioFileException(path, "empty file (no WAV header)");
        if (got >= 4 && head[..4].SequenceEqual("RIFX"u8))
            throw new AudioFileException(path, "big-endian WAV (RIFX) is not supported");
        if (got < head.Length)
            throw new AudioFileException(path, $"header truncated: file ends after {got} bytes, inside the RIFF header");

        // RF64 / BW64 are RIFF with 64-bit sizes kept in a 'ds64' chunk for files over 4 GiB.
        bool is64 = head[..4].SequenceEqual("RF64"u8) || head[..4].SequenceEqual("BW64"u8);
        if (!(head[..4].SequenceEqual("RIFF"u8) || is64) || !head[8..12].SequenceEqual("WAVE"u8))
            throw new AudioFileException(path, "not a RIFF/WAVE file");

        long ds64DataBytes = -1;
        WavStreamInfo? format = null;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (true)
        {
            got = stream.ReadAtLeast(chunkHeader, chunkHeader.Length, throwOnEndOfStream: false);
            if (got == 0)
                throw new AudioFileException(path, format is null ? "missing fmt chunk" : "missing data chunk");
            if (got < chunkHeader.Length)
                throw new AudioFileException(path, "header truncated: file ends inside a chunk header");

            string id = Encoding.ASCII.GetString(chunkHeader[..4]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            switch (id)
            {
                case "data":
                    if (format is not { } f)
                        throw new AudioFileException(path, "missing fmt chunk (the data chunk comes first)");
                    long dataBytes = size;
                    if (size == UnknownSize)
                        dataBytes = ds64DataBytes;  // RF64 gives the real size; plain RIFF: unknown, read to the end
                    else if (size == 0 && zeroSizeMeansUnknown)
                        dataBytes = -1;
                    return f with { DataBytes = dataBytes };
                case "fmt ":
                    format = ParseFmt(stream, path, size);
                    SkipPad(stream, size);
                    break;
                case "ds64" when is64:
                    ds64DataBytes = ParseDs64(stream, path, size);
                    SkipPad(stream, size);
                    break;
                default:
                    // LIST, JUNK, bext, cue, fact ...: nothing we need.
                    Skip(stream, path, size, id);
                    SkipPad(stream, size);
                    break;
            }
        }
    }

    private static WavStreamInfo ParseFmt(Stream stream, string path, uint size)
    {
        if (size < 16)
            throw new AudioFileException(path, $"fmt chunk too short ({size} bytes, need at least 16)");
        Span<byte> fmt = stackalloc byte[40];
        int want = (int)Math.Min(size, 40u);
        ReadHeaderBytes(stream, path, fmt[..want], "fmt");
        Skip(stream, path, size - (uint)want, "fmt ");

        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);

        if (tag == WavConstants.TagExtensible)
        {
            if (size < 40)
                throw new AudioFileException(path, $"WAVE_FORMAT_EXTENSIBLE fmt chunk too short ({size} bytes, need 40)");
            int validBits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[18..]);
            ReadOnlySpan<byte> guid = fmt[24..40];
            ushort subTag = BinaryPrimitives.ReadUInt16LittleEndian(guid);
            if (!guid[2..].SequenceEqual(WavConstants.SubformatGuidTail) || subTag is not (WavConstants.TagPcm or WavConstants.TagFloat))
                throw new AudioFileException(path, $"unsupported WAVE_FORMAT_EXTENSIBLE subformat {new Guid(guid)}");
            // Valid bits below the container size are left-justified, so decoding by container is right.
            if (validBits > bits)
                throw new AudioFileException(path, $"bad extensible header: {validBits} valid bits in a {bits}-bit container");
            tag = subTag;
        }

        if (channels == 0)
            throw new AudioFileException(path, "zero channels");
        if (channels > WavConstants.MaxChannels)
            throw new AudioFileException(path, $"{channels} channels is more than the {WavConstants.MaxChannels} supported");
        if (sampleRate < WavConstants.MinSampleRate || sampleRate > WavConstants.MaxSampleRate)
            throw new AudioFileException(path,
                $"sample rate {sampleRate} Hz is outside the supported {WavConstants.MinSampleRate}..{WavConstants.MaxSampleRate} Hz");

        WavSampleFormat format = tag switch
        {
            WavConstants.TagPcm => bits switch
            {
                8 => WavSampleFormat.Pcm8,
                16 => WavSampleFormat.Pcm16,
                24 => WavSampleFormat.Pcm24,
                32 => WavSampleFormat.Pcm32,
                _ => throw new AudioFileException(path, $"unsupported PCM bit depth {bits} (supported: 8, 16, 24, 32)"),
            },
            WavConstants.TagFloat => bits switch
            {
                32 => WavSampleFormat.Float32,
                64 => WavSampleFormat.Float64,
                _ => throw new AudioFileException(path, $"unsupported float bit depth {bits} (supported: 32, 64)"),
            },
            _ => throw new AudioFileException(path,
                $"unsupported format tag 0x{tag:X4} ({WavConstants.DescribeTag(tag)}); only PCM and IEEE float WAV can be read"),
        };

        int expectedAlign = channels * format.BytesPerSample();
        if (blockAlign != expectedAlign)
            throw new AudioFileException(path,
                $"bad block align {blockAlign} (expected {expectedAlign} for {channels} channels of {bits} bits)");

        return new WavStreamInfo(format, channels, (int)sampleRate, -1);
    }

    private static long ParseDs64(Stream stream, string path, uint size)
    {
        if (size < 16)
            throw new AudioFileException(path, $"ds64 chunk too short ({size} bytes, need at least 16)");
        Span<byte> ds64 = stackalloc byte[16];
        ReadHeaderBytes(stream, path, ds64, "ds64");
        Skip(stream, path, size - 16, "ds64");
        long dataBytes = BinaryPrimitives.ReadInt64LittleEndian(ds64[8..]);
        if (dataBytes < 0)
            throw new AudioFileException(path, "bad ds64 chunk: negative data size");
        return dataBytes;
    }

    private static void ReadHeaderBytes(Stream stream, string path, Span<byte> buffer, string chunk)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
            throw new AudioFileException(path, $"header truncated: file ends inside the {chunk} chunk");
    }

    private static void Skip(Stream stream, string path, long count, string chunk)
    {
        if (count == 0)
            return;
        if (stream.CanSeek)
        {
            if (stream.Position + count > stream.Length)
                throw new AudioFileException(path, $"header truncated: the '{chunk.TrimEnd()}' chunk runs past the end of the file");
            stream.Seek(count, SeekOrigin.Current);
            return;
        }
        Span<byte> sink = stackalloc byte[512];
        while (count > 0)
        {
            int n = stream.Read(sink[..(int)Math.Min(count, sink.Length)]);
            if (n == 0)
                throw new AudioFileException(path, $"header truncated: the '{chunk.TrimEnd()}' chunk runs past the end of the file");
            count -= n;
        }
    }

    /// <summary>Chunks are word-aligned; a missing pad byte at the very end is not worth failing over.</summary>
    private static void SkipPad(Stream stream, uint size)
    {
        if ((size & 1) == 0)
            return;
        if (stream.CanSeek)
        {
            if (stream.Position < stream.Length)
                stream.Seek(1, SeekOrigin.Current);
        }
        else
        {
            stream.ReadByte();
        }
    }
}
