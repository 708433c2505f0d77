namespace Audio2Midi.IO;

/// <summary>
/// Streams a WAV file to disk. Data goes to a hidden temp file next to the target and only
/// <see cref="Complete"/> moves it into place, so a crash or an exception never leaves a
/// half-written file at <c>path</c> nor destroys a file that was there before.
/// </summary>
public sealed class WavWriter : IDisposable
{
    private const int BufferBytes = 64 * 1024;

    private readonly string _path;
    private readonly string _tempPath;
    private readonly int _channels;
    private readonly WavSampleFormat _format;
    private readonly WavHeaderWriter _header;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private FileStream? _stream;
    private long _dataBytes;
    private bool _completed;

    public WavWriter(string path, int sampleRate, int channels, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Same limits as the reader, so that whatever we write can be read back.
        if (sampleRate < WavConstants.MinSampleRate || sampleRate > WavConstants.MaxSampleRate)
            throw new AudioFileException(path,
                $"sample rate {sampleRate} Hz is outside the supported {WavConstants.MinSampleRate}..{WavConstants.MaxSampleRate} Hz");
        if (channels < 1 || channels > WavConstants.MaxChannels)
            throw new AudioFileException(path, $"{channels} channels is outside the supported 1..{WavConstants.MaxChannels}");
        if (!Enum.IsDefined(format))
            throw new ArgumentOutOfRangeException(nameof(format), format, "unknown WAV sample format");

        _path = path;
        _channels = channels;
        _format = format;
        _header = new WavHeaderWriter(sampleRate, channels, format);
        try
        {
            string full = Path.GetFullPath(path);
            string directory = Path.GetDirectoryName(full) ?? ".";
            _tempPath = Path.Combine(directory, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
            _stream = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            // Placeholder; the real sizes are written by Complete().
            _stream.Write(_header.Build(0, 0));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            DeleteTemp();
            throw new AudioFileException(path, $"cannot create file: {e.Message}", e);
        }
    }

    /// <summary>Appends interleaved frames; PCM formats clip to [-1, 1].</summary>
    public void Write(ReadOnlySpan<float> interleaved)
    {
        FileStream stream = _stream ?? throw new InvalidOperationException(
            _completed ? "WavWriter.Write after Complete()" : "WavWriter.Write after Dispose()");
        if (interleaved.Length % _channels != 0)
            throw new ArgumentException($"length {interleaved.Length} is not a multiple of {_channels} channels", nameof(interleaved));

        int bytesPerSample = _format.BytesPerSample();
        if (_dataBytes + (long)interleaved.Length * bytesPerSample > _header.MaxDataBytes)
            throw new AudioFileException(_path, "too much audio for a WAV file (the format's limit is 4 GiB)");

        int samplesPerChunk = _buffer.Length / bytesPerSample;
        try
        {
            while (!interleaved.IsEmpty)
            {
                int n = Math.Min(samplesPerChunk, interleaved.Length);
                SampleEncoder.Encode(interleaved[..n], _format, _buffer);
                stream.Write(_buffer, 0, n * bytesPerSample);
                _dataBytes += n * bytesPerSample;
                interleaved = interleaved[n..];
            }
        }
        catch (IOException e)
        {
            throw new AudioFileException(_path, $"write failed: {e.Message}", e);
        }
    }

    /// <summary>Writes the final sizes, flushes to disk and moves the file onto the target path.</summary>
    public void Complete()
    {
        FileStream stream = _stream ?? throw new InvalidOperationException(
            _completed ? "WavWriter.Complete called twice" : "WavWriter.Complete after Dispose()");
        try
        {
            if ((_dataBytes & 1) != 0)
                stream.WriteByte(0);   // RIFF chunks are word-aligned
            stream.Position = 0;
            stream.Write(_header.Build(_dataBytes, _dataBytes / (_channels * _format.BytesPerSample())));
            // Durable before the rename, so the rename never exposes a file whose bytes are not on disk.
            stream.Flush(flushToDisk: true);
            stream.Dispose();
            _stream = null;
            File.Move(_tempPath, _path, overwrite: true);
            _completed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Dispose();
            throw new AudioFileException(_path, $"cannot finish writing: {e.Message}", e);
        }
    }

    /// <summary>Without <see cref="Complete"/>: discards everything written; the target is untouched.</summary>
    public void Dispose()
    {
        if (_stream is { } stream)
        {
            _stream = null;
            try { stream.Dispose(); } catch (IOException) { /* the data is being thrown away anyway */ }
        }
        if (!_completed)
            DeleteTemp();
    }

    private void DeleteTemp()
    {
        try
        {
            if (_tempPath is not null)
                File.Delete(_tempPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray hidden temp file is better than masking the original error.
        }
    }
}
