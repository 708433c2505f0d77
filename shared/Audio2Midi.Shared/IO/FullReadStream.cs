namespace Audio2Midi.IO;

/// <summary>
/// Passes reads through until the buffer is full or the data ends. NAudio's sample converters drop
/// the odd bytes of a short read, and a pipe (ffmpeg's stdout) returns short reads all the time, so
/// every stream NAudio decodes from goes through this. Seeking is passed through for WaveFileReader.
/// </summary>
internal sealed class FullReadStream(Stream inner) : Stream
{
    public override int Read(Span<byte> buffer) => inner.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int ReadByte() => inner.ReadByte();

    public override bool CanRead => true;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
