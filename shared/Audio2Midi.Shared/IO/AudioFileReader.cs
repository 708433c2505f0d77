namespace Audio2Midi.IO;

/// <summary>
/// Reads an audio file as float frames, a buffer at a time, so that files of any length can be
/// processed in constant memory. WAV is read directly; other formats go through ffmpeg when it is
/// installed. Every problem with the file surfaces as an <see cref="AudioFileException"/>.
/// </summary>
public sealed class AudioFileReader : IDisposable
{
    // Fixed read buffer: holds at least one frame of the widest format (64 channels x 8 bytes).
    private const int BufferBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly FfmpegDecoder? _ffmpeg;
    private readonly byte[] _bytes = new byte[BufferBytes];
    private readonly int _blockAlign;
    private long _bytesLeft;          // -1: unknown, read until the stream ends
    private float[]? _scratch;        // ReadMono's interleaved buffer, allocated on first use only
    private bool _ended;
    private bool _disposed;

    public string FilePath { get; }
    public int SampleRate { get; }
    public int Channels { get; }

    /// <summary>Frames in the file (those actually present if it is truncated); -1 when unknown (ffmpeg).</summary>
    public long FrameCount { get; }

    /// <summary>Sample format in the source; Float32 for anything decoded by ffmpeg.</summary>
    public WavSampleFormat Format { get; }

    /// <summary>
    /// The data chunk is shorter than its header declares or ends in a partial frame. Known at open for
    /// WAV files; for streams it becomes true when the end is reached. Callers should warn.
    /// </summary>
    public bool WasTruncated { get; private set; }

    private AudioFileReader(string path, Stream stream, FfmpegDecoder? ffmpeg, WavStreamInfo info)
    {
        FilePath = path;
        _stream = stream;
        _ffmpeg = ffmpeg;
        SampleRate = info.SampleRate;
        Channels = info.Channels;
        Format = info.Format;
        _blockAlign = info.BlockAlign;
        _bytesLeft = info.DataBytes;
        FrameCount = -1;

        if (stream.CanSeek)
        {
            // A file can hold less than its header promises (an interrupted recording): read what is there.
            long available = stream.Length - stream.Position;
            long dataBytes = info.DataBytes < 0 ? available : info.DataBytes;
            if (available < dataBytes)
            {
                dataBytes = available;
                WasTruncated = true;
            }
            if (dataBytes % _blockAlign != 0)
                WasTruncated = true;
            FrameCount = dataBytes / _blockAlign;
            _bytesLeft = FrameCount * _blockAlign;
        }
    }

    /// <summary>Opens a file for reading; WAV is recognised by its content, anything else needs ffmpeg.</summary>
    public static AudioFileReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
            throw new AudioFileException(path, "is a directory, not an audio file");
        if (!File.Exists(path))
            throw new AudioFileException(path, "file not found");

        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AudioFileException(path, $"cannot open: {e.Message}", e);
        }

        try
        {
            if (LooksLikeWav(file) || IsWavName(path))
            {
                WavStreamInfo info = WavHeaderParser.Parse(file, path, zeroSizeMeansUnknown: false);
                return new AudioFileReader(path, file, null, info);
            }
        }
        catch (IOException e)
        {
            file.Dispose();
            throw new AudioFileException(path, $"read failed: {e.Message}", e);
        }
        catch
        {
            file.Dispose();
            throw;
        }

        file.Dispose();
        string ffmpeg = FfmpegDecoder.FindOnPath() ?? throw new AudioFileException(path,
            $"reading '{Path.GetExtension(path)}' files needs ffmpeg, which is not installed (not found on PATH); " +
            "install ffmpeg or convert the file to WAV");
        return OpenWithFfmpeg(path, ffmpeg);
    }

    /// <summary>Decodes through the given ffmpeg executable (internal so tests can stand in a fake one).</summary>
    internal static AudioFileReader OpenWithFfmpeg(string path, string ffmpeg)
    {
        FfmpegDecoder decoder = FfmpegDecoder.Start(ffmpeg, path);
        try
        {
            WavStreamInfo info;
            try
            {
                info = WavHeaderParser.Parse(decoder.Output, path, zeroSizeMeansUnknown: true);
            }
            catch (AudioFileException)
            {
                // ffmpeg's own message explains an unreadable file best; a running ffmpeg that wrote
                // something unparseable has not failed, and then our parser's message stands.
                decoder.ThrowIfFailed(TimeSpan.FromSeconds(5), outputEnded: false);
                throw;
            }
            return new AudioFileReader(path, decoder.Output, decoder, info);
        }
        catch (IOException e)
        {
            decoder.Dispose();
            throw new AudioFileException(path, $"reading ffmpeg output failed: {e.Message}", e);
        }
        catch
        {
            decoder.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads up to <c>interleaved.Length / Channels</c> frames; returns the number of frames read,
    /// fewer only at the end of the data, 0 once it has ended.
    /// </summary>
    public int Read(Span<float> interleaved)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (interleaved.IsEmpty)
            return 0;
        if (interleaved.Length < Channels)
            throw new ArgumentException($"buffer of {interleaved.Length} samples cannot hold one frame of {Channels} channels", nameof(interleaved));

        int framesWanted = interleaved.Length / Channels;
        int framesPerBuffer = _bytes.Length / _blockAlign;
        int framesDone = 0;
        while (framesDone < framesWanted && !_ended)
        {
            int frames = Math.Min(framesWanted - framesDone, framesPerBuffer);
            if (_bytesLeft >= 0)
                frames = (int)Math.Min(frames, _bytesLeft / _blockAlign);
            if (frames == 0)
            {
                EndOfData(_bytesLeft > 0);   // a partial frame declared but never completed
                break;
            }

            int wanted = frames * _blockAlign;
            int got = ReadBytes(_bytes.AsSpan(0, wanted));
            int whole = got / _blockAlign;
            SampleDecoder.Decode(_bytes.AsSpan(0, whole * _blockAlign), Format,
                interleaved.Slice(framesDone * Channels, whole * Channels));
            framesDone += whole;
            if (_bytesLeft >= 0)
                _bytesLeft -= got;
            if (got < wanted)
                EndOfData(truncated: _bytesLeft > 0 || got % _blockAlign != 0);
        }
        return framesDone;
    }

    /// <summary>Like <see cref="Read"/> but averages all channels into one.</summary>
    public int ReadMono(Span<float> mono)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Channels == 1)
            return Read(mono);

        _scratch ??= new float[_bytes.Length / _blockAlign * Channels];
        float scale = 1f / Channels;
        int done = 0;
        while (done < mono.Length)
        {
            int frames = Math.Min(mono.Length - done, _scratch.Length / Channels);
            int got = Read(_scratch.AsSpan(0, frames * Channels));
            for (int f = 0; f < got; f++)
            {
                ReadOnlySpan<float> frame = _scratch.AsSpan(f * Channels, Channels);
                float sum = 0;
                foreach (float s in frame)
                    sum += s;
                mono[done + f] = sum * scale;
            }
            done += got;
            if (got < frames)
                break;
        }
        return done;
    }

    private int ReadBytes(Span<byte> buffer)
    {
        try
        {
            return _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (IOException e)
        {
            throw new AudioFileException(FilePath, $"read failed: {e.Message}", e);
        }
    }

    private void EndOfData(bool truncated)
    {
        _ended = true;
        if (truncated)
            WasTruncated = true;
        // A decoder that died mid-file also ends the stream early: report its error, not a short read.
        _ffmpeg?.ThrowIfFailed(TimeSpan.FromSeconds(30), outputEnded: true);
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _stream.Dispose();
        _ffmpeg?.Dispose();
    }

    private static bool IsWavName(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".wav" or ".wave";

    /// <summary>RIFF/RF64/BW64 ... WAVE (or RIFX, to say why it cannot be read); leaves the stream at 0.</summary>
    private static bool LooksLikeWav(FileStream file)
    {
        Span<byte> head = stackalloc byte[12];
        int got = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (got < 12)
            return false;
        ReadOnlySpan<byte> id = head[..4];
        bool riff = id.SequenceEqual("RIFF"u8) || id.SequenceEqual("RF64"u8) || id.SequenceEqual("BW64"u8) || id.SequenceEqual("RIFX"u8);
        return riff && head[8..12].SequenceEqual("WAVE"u8);
    }
}
