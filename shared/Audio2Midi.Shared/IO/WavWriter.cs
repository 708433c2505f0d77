using NAudio.Wave;

namespace Audio2Midi.IO;

/// <summary>
/// Streams a WAV file to disk through NAudio's WaveFileWriter, which writes the header and turns the file
/// into RF64 if it outgrows 4 GiB. Data goes to a hidden temp file next to the target and only
/// <see cref="Complete"/> moves it into place, so a crash or an exception never leaves a half-written
/// file at <c>path</c> nor destroys a file that was there before.
/// </summary>
public sealed class WavWriter : IDisposable
{
    private const int BufferBytes = 64 * 1024;

    private readonly string _path;
    private readonly string _tempPath = "";
    private readonly int _channels;
    private readonly WavSampleFormat _format;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private FileStream? _file;
    private WaveFileWriter? _writer;
    private bool _completed;

    public WavWriter(string path, int sampleRate, int channels, WavSampleFormat format = WavSampleFormat.Pcm16)
        : this(path, sampleRate, channels, format, rf64Threshold: null)
    {
    }

    /// <param name="rf64Threshold">Data size from which the file becomes RF64 (tests); null: NAudio's 4 GiB.</param>
    internal WavWriter(string path, int sampleRate, int channels, WavSampleFormat format, long? rf64Threshold)
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
        var options = rf64Threshold is long threshold
            ? new WaveFileWriterOptions { EnableRf64 = true, Rf64PromotionThreshold = threshold }
            : new WaveFileWriterOptions { EnableRf64 = true };
        try
        {
            string full = Path.GetFullPath(path);
            string directory = Path.GetDirectoryName(full) ?? ".";
            _tempPath = Path.Combine(directory, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
            _file = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            _writer = new WaveFileWriter(_file, WavWriteFormat.For(sampleRate, channels, format), options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Dispose();
            throw new AudioFileException(path, $"cannot create file: {e.Message}", e);
        }
    }

    /// <summary>Appends interleaved frames; PCM formats clip to [-1, 1].</summary>
    public void Write(ReadOnlySpan<float> interleaved)
    {
        WaveFileWriter writer = _writer ?? throw new InvalidOperationException(
            _completed ? "WavWriter.Write after Complete()" : "WavWriter.Write after Dispose()");
        if (interleaved.Length % _channels != 0)
            throw new ArgumentException($"length {interleaved.Length} is not a multiple of {_channels} channels", nameof(interleaved));

        int bytesPerSample = _format.BytesPerSample();
        int samplesPerChunk = _buffer.Length / bytesPerSample;
        try
        {
            while (!interleaved.IsEmpty)
            {
                int n = Math.Min(samplesPerChunk, interleaved.Length);
                SampleEncoder.Encode(interleaved[..n], _format, _buffer);
                writer.Write(_buffer.AsSpan(0, n * bytesPerSample));
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
        WaveFileWriter writer = _writer ?? throw new InvalidOperationException(
            _completed ? "WavWriter.Complete called twice" : "WavWriter.Complete after Dispose()");
        FileStream file = _file!;
        try
        {
            writer.Dispose();   // NAudio writes the sizes (and the pad byte) here; the stream stays ours
            _writer = null;
            // Durable before the rename, so the rename never exposes a file whose bytes are not on disk.
            file.Flush(flushToDisk: true);
            file.Dispose();
            _file = null;
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
        // The temp file is deleted anyway, so NAudio's header update is skipped: the file is closed first.
        if (_file is { } file)
        {
            _file = null;
            try { file.Dispose(); } catch (IOException) { /* the data is being thrown away anyway */ }
        }
        if (_writer is { } writer)
        {
            _writer = null;
            try { writer.Dispose(); } catch (Exception e) when (e is IOException or ObjectDisposedException) { }
        }
        if (!_completed)
            DeleteTemp();
    }

    private void DeleteTemp()
    {
        try
        {
            if (_tempPath.Length > 0)
                File.Delete(_tempPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray hidden temp file is better than masking the original error.
        }
    }
}
