using System.Buffers.Binary;
using NAudio.Wave;

namespace Audio2Midi.IO;

/// <summary>
/// Reads the WAV header ffmpeg writes to its stdout. NAudio's WaveFileReader needs a seekable stream
/// (it reads the length and seeks between chunks), and a pipe cannot seek, so this walks the chunks
/// forward to the data chunk itself; the fmt chunk is still parsed by NAudio.
/// </summary>
internal static class WavPipeHeader
{
    /// <returns>The format; the stream is left at the first data byte.</returns>
    public static WaveFormat Read(Stream stream, string path)
    {
        Span<byte> head = stackalloc byte[12];
        int got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (got == 0)
            throw new AudioFileException(path, "empty output (no WAV header)");
        if (got < head.Length || !head[..4].SequenceEqual("RIFF"u8) || !head[8..12].SequenceEqual("WAVE"u8))
            throw new AudioFileException(path, "not a RIFF/WAVE stream");

        WaveFormat? format = null;
        Span<byte> chunk = stackalloc byte[8];
        while (true)
        {
            got = stream.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
            if (got < chunk.Length)
                throw new AudioFileException(path, format is null ? "missing fmt chunk" : "missing data chunk");
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("data"u8))
                return format ?? throw new AudioFileException(path, "missing fmt chunk (the data chunk comes first)");
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (size is < 16 or > 1024)
                    throw new AudioFileException(path, $"bad fmt chunk size {size}");
                // Read the whole chunk first, so NAudio parses it from memory and never reads past it.
                var body = new byte[size];
                if (stream.ReadAtLeast(body, body.Length, throwOnEndOfStream: false) < body.Length)
                    throw new AudioFileException(path, "header truncated: the stream ends inside the fmt chunk");
                using var reader = new BinaryReader(new MemoryStream(body));
                format = WaveFormat.FromFormatChunk(reader, (int)size);
            }
            else
            {
                Skip(stream, path, size);
            }
            if ((size & 1) != 0)
                stream.ReadByte();   // chunks are word-aligned
        }
    }

    private static void Skip(Stream stream, string path, long count)
    {
        Span<byte> sink = stackalloc byte[512];
        while (count > 0)
        {
            int n = stream.Read(sink[..(int)Math.Min(count, sink.Length)]);
            if (n == 0)
                throw new AudioFileException(path, "header truncated: a chunk runs past the end of the stream");
            count -= n;
        }
    }
}
