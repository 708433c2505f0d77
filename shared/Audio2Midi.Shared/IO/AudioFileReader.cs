using System.Buffers.Binary;
using NAudio.Wave;

namespace Audio2Midi.IO;

/// <summary>
/// Reads an audio file as float frames, a buffer at a time, so that files of any length can be
/// processed in constant memory. WAV is parsed and decoded by NAudio; other formats go through ffmpeg
/// when it is installed. Every problem with the file surfaces as an <see cref="AudioFileException"/>.
/// </summary>
public sealed class AudioFileReader : IDisposable
{
    // Frames asked of NAudio per call: bounds the byte buffer its converters keep, whatever the caller asks.
    private const int FramesPerRead = 16 * 1024;

    private readonly Stream _stream;         // the file or the ffmpeg pipe
    private readonly Stream _data;           // the samples: the file's data chunk (WaveFileReader) or the pipe past its header
    private readonly WaveStream _decoded;    // those bytes under their plain format, for NAudio's converters
    private readonly ISampleProvider _samples;
    private readonly FfmpegDecoder? _ffmpeg;
    private long _framesLeft;         // -1: unknown, read until the stream ends
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
    /// The data is shorter than the header declares or ends in a partial frame. Known at open for
    /// WAV files; for streams it becomes true when the end is reached. Callers should warn.
    /// </summary>
    public bool WasTruncated { get; private set; }

    private AudioFileReader(string path, Stream stream, Stream data, WaveFormat parsed, WavSampleFormat format, long frames, bool truncated, FfmpegDecoder? ffmpeg)
    {
        FilePath = path;
        _stream = stream;
        _data = data;
        SampleRate = parsed.SampleRate;
        Channels = parsed.Channels;
        _decoded = new RawSourceWaveStream(data, WavFormatCheck.Plain(format, SampleRate, Channels));
        _samples = _decoded.ToSampleProvider();
        _ffmpeg = ffmpeg;
        Format = format;
        FrameCount = frames;
        _framesLeft = frames;
        WasTruncated = truncated;
    }

    /// <summary>Opens a file for reading; WAV is recognised by its content, anything else needs ffmpeg.</summary>
    public static AudioFileReader Open(string path) => Open(path, FfmpegDecoder.FindOnPath);

    /// <param name="findFfmpeg">Where ffmpeg is, or null when it is not installed (tests stand in for PATH).</param>
    internal static AudioFileReader Open(string path, Func<string?> findFfmpeg)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
            throw new AudioFileException(path, "is a directory, not an audio file");
        if (!File.Exists(path))
            throw new AudioFileException(path, "file not found");

        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AudioFileException(path, $"cannot open: {e.Message}", e);
        }

        RiffKind kind;
        try
        {
            Span<byte> head = stackalloc byte[12];
            int got = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            file.Position = 0;
            kind = Classify(head[..got]);
            if (kind == RiffKind.Wav || (kind == RiffKind.None && IsWavName(path)))
                return OpenWav(path, file, head[..got]);
            if (kind == RiffKind.BigEndian)
                throw new AudioFileException(path, "big-endian WAV (RIFX) is not supported");
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

        // Not a WAV NAudio reads (another format, or BW64): ffmpeg decodes it.
        file.Dispose();
        string what = kind == RiffKind.Bw64 ? "BW64 WAV files" : $"'{Path.GetExtension(path)}' files";
        string ffmpeg = findFfmpeg() ?? throw new AudioFileException(path,
            $"reading {what} needs ffmpeg, which is not installed (not found on PATH); " +
            "install ffmpeg or convert the file to WAV");
        return OpenWithFfmpeg(path, ffmpeg);
    }

    private static AudioFileReader OpenWav(string path, FileStream file, ReadOnlySpan<byte> head)
    {
        if (head.Length == 0)
            throw new AudioFileException(path, "empty file (no WAV header)");
        if (head.Length < 12)
            throw new AudioFileException(path, $"header truncated: file ends after {head.Length} bytes, inside the RIFF header");
        if (Classify(head) != RiffKind.Wav)
            throw new AudioFileException(path, "not a RIFF/WAVE file");

        WaveFileReader wav;
        try
        {
            wav = new WaveFileReader(new FullReadStream(file));
        }
        catch (EndOfStreamException e)
        {
            throw new AudioFileException(path, "header truncated: the file ends inside a chunk", e);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or ArgumentException or NotSupportedException or OverflowException)
        {
            throw new AudioFileException(path, $"not a readable WAV file: {e.Message}", e);
        }

        try
        {
            WavSampleFormat format = WavFormatCheck.Check(wav.WaveFormat, path);
            int blockAlign = wav.WaveFormat.BlockAlign;
            // A file can hold less than its header promises (an interrupted recording): read what is there.
            long available = file.Length - file.Position;
            long dataBytes = Math.Min(wav.Length, available);
            bool truncated = wav.Length > available || dataBytes % blockAlign != 0 || DeclaresMoreThanPresent(head, file.Length);
            return new AudioFileReader(path, file, wav, wav.WaveFormat, format, dataBytes / blockAlign, truncated, null);
        }
        catch
        {
            wav.Dispose();
            throw;
        }
    }

    /// <summary>Decodes through the given ffmpeg executable (internal so tests can stand in a fake one).</summary>
    internal static AudioFileReader OpenWithFfmpeg(string path, string ffmpeg)
    {
        FfmpegDecoder decoder = FfmpegDecoder.Start(ffmpeg, path);
        try
        {
            var pipe = new FullReadStream(decoder.Output);
            WaveFormat format;
            WavSampleFormat ours;
            try
            {
                format = ReadPipeHeader(pipe, path);
                ours = WavFormatCheck.Check(format, path);
            }
            catch (AudioFileException)
            {
                // ffmpeg's own message explains an unreadable file best; a running ffmpeg that wrote
                // something unparseable has not failed, and then our parser's message stands.
                decoder.ThrowIfFailed(TimeSpan.FromSeconds(5), outputEnded: false);
                throw;
            }
            return new AudioFileReader(path, pipe, pipe, format, ours, -1, false, decoder);
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

    private static WaveFormat ReadPipeHeader(Stream pipe, string path)
    {
        try
        {
            return WavPipeHeader.Read(pipe, path);
        }
        catch (EndOfStreamException e)
        {
            throw new AudioFileException(path, "header truncated: the stream ends inside the fmt chunk", e);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or ArgumentException)
        {
            throw new AudioFileException(path, $"bad fmt chunk: {e.Message}", e);
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
        int framesDone = 0;
        while (framesDone < framesWanted && !_ended)
        {
            int frames = Math.Min(framesWanted - framesDone, FramesPerRead);
            if (_framesLeft >= 0)
                frames = (int)Math.Min(frames, _framesLeft);
            if (frames == 0)
            {
                EndOfData(truncated: false);
                break;
            }

            int samples = ReadSamples(interleaved.Slice(framesDone * Channels, frames * Channels));
            int whole = samples / Channels;
            framesDone += whole;
            if (_framesLeft >= 0)
                _framesLeft -= whole;
            if (whole < frames)
                EndOfData(truncated: _framesLeft > 0 || samples % Channels != 0);
        }
        return framesDone;
    }

    /// <summary>Like <see cref="Read"/> but averages all channels into one.</summary>
    public int ReadMono(Span<float> mono)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Channels == 1)
            return Read(mono);

        _scratch ??= new float[FramesPerRead * Channels];
        float scale = 1f / Channels;
        int done = 0;
        while (done < mono.Length)
        {
            int frames = Math.Min(mono.Length - done, FramesPerRead);
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

    private int ReadSamples(Span<float> buffer)
    {
        try
        {
            return _samples.Read(buffer);
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
        _decoded.Dispose();
        if (!ReferenceEquals(_data, _stream))
            _data.Dispose();   // WaveFileReader leaves the file it was given open
        _stream.Dispose();
        _ffmpeg?.Dispose();
    }

    private static bool IsWavName(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".wav" or ".wave";

    private enum RiffKind { None, Wav, BigEndian, Bw64 }

    /// <summary>RIFF/RF64 ... WAVE is for NAudio; RIFX and BW64 are named so the error (or ffmpeg) can take them.</summary>
    private static RiffKind Classify(ReadOnlySpan<byte> head)
    {
        if (head.Length < 12 || !head[8..12].SequenceEqual("WAVE"u8))
            return RiffKind.None;
        ReadOnlySpan<byte> id = head[..4];
        if (id.SequenceEqual("RIFF"u8) || id.SequenceEqual("RF64"u8))
            return RiffKind.Wav;
        if (id.SequenceEqual("RIFX"u8))
            return RiffKind.BigEndian;
        return id.SequenceEqual("BW64"u8) ? RiffKind.Bw64 : RiffKind.None;
    }

    /// <summary>
    /// The RIFF size promises more bytes than the file holds (NAudio quietly clamps the data chunk to the
    /// file). 0 and 0xFFFFFFFF mean "unknown" (streaming writers, RF64) and promise nothing.
    /// </summary>
    private static bool DeclaresMoreThanPresent(ReadOnlySpan<byte> head, long fileLength)
    {
        uint riffSize = BinaryPrimitives.ReadUInt32LittleEndian(head[4..8]);
        return riffSize is not (0 or uint.MaxValue) && riffSize + 8L > fileLength;
    }
}
