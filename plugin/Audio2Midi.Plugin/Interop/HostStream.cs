namespace Audio2Midi.Plugin.Interop;

/// <summary>Reads and writes our state blobs through a host IBStream (main thread; may allocate).</summary>
internal static unsafe class HostStream
{
    /// <summary>
    /// Reads one blob that starts with <paramref name="magic"/>: the header first, then exactly the length
    /// it announces, so nothing after our state is consumed. Returns what was read (possibly short or foreign:
    /// the caller validates), or null when the stream gave nothing.
    /// </summary>
    public static byte[]? ReadBlob(void* stream, ReadOnlySpan<byte> magic)
    {
        var header = new byte[PluginState.HeaderSize];
        int got = ReadFully(stream, header);
        if (got <= 0) return null;
        if (got < header.Length) return header.AsSpan(0, got).ToArray();
        int total = PluginState.TotalLength(header, magic);
        if (total < 0) return header;
        var blob = new byte[total];
        header.CopyTo(blob, 0);
        got = ReadFully(stream, blob.AsSpan(header.Length));
        return got == total - header.Length ? blob : blob.AsSpan(0, header.Length + Math.Max(0, got)).ToArray();
    }

    public static bool Write(void* stream, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            int done = 0;
            while (done < data.Length)
            {
                int written = 0;
                int r = HostCalls.StreamWrite(stream, p + done, data.Length - done, &written);
                if (r != Result.Ok || written <= 0) return false;
                done += written;
            }
        }
        return true;
    }

    private static int ReadFully(void* stream, Span<byte> buffer)
    {
        int done = 0;
        fixed (byte* p = buffer)
        {
            while (done < buffer.Length)
            {
                int read = 0;
                int r = HostCalls.StreamRead(stream, p + done, buffer.Length - done, &read);
                if (r != Result.Ok || read <= 0) break;
                done += read;
            }
        }
        return done;
    }
}
