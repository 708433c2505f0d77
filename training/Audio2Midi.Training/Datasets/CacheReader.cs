using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using System.Text;
using Audio2Midi.Features;
using Audio2Midi.Labels;

namespace Audio2Midi.Training.Datasets;

/// <summary>
/// Opens a cache folder: memory-maps data.a2mc (features and labels are read in place, never recomputed) and
/// reads features.json. A wrong magic, another format version or settings that disagree are errors naming the file.
/// </summary>
public sealed class CacheReader : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;

    private CacheReader(string directory, MemoryMappedFile file, MemoryMappedViewAccessor view, FeatureParameters parameters, LabelSettings labels, IReadOnlyList<CachedRecording> recordings)
    {
        Directory = directory;
        _file = file;
        _view = view;
        Parameters = parameters;
        Labels = labels;
        Recordings = recordings;
    }

    public string Directory { get; }

    public FeatureParameters Parameters { get; }

    public LabelSettings Labels { get; }

    public IReadOnlyList<CachedRecording> Recordings { get; }

    public int BinCount => Parameters.Cqt.BinCount;

    public static CacheReader Open(string directory)
    {
        string path = Path.Combine(directory, CacheFormat.DataFileName);
        string json = Path.Combine(directory, FeatureParametersJson.FileName);
        if (!File.Exists(path)) throw new InvalidDataException($"{directory}: not a dataset cache ({CacheFormat.DataFileName} is missing; create one with `a2m dataset import`)");
        if (!File.Exists(json)) throw new InvalidDataException($"{json}: missing; the cache cannot be read without its feature parameters");
        FeatureParameters parameters = FeatureParametersJson.Read(json);
        long length = new FileInfo(path).Length;
        if (length < CacheFormat.HeaderBytes) throw new InvalidDataException($"{path}: too short for a cache header ({length} bytes)");
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        try
        {
            var magic = new byte[8];
            view.ReadArray(0, magic, 0, 8);
            if (!magic.AsSpan().SequenceEqual(CacheFormat.Magic)) throw new InvalidDataException($"{path}: not a cache file (bad magic)");
            int version = view.ReadInt32(8);
            if (version != CacheFormat.Version)
                throw new InvalidDataException($"{path}: cache format version {version}, but this build reads version {CacheFormat.Version}; re-create it with `a2m dataset import`");
            int bins = view.ReadInt32(12);
            var labels = new LabelSettings { MinPitch = view.ReadInt32(16), MaxPitch = view.ReadInt32(20), OnsetWidthFrames = view.ReadInt32(24), OffsetWidthFrames = view.ReadInt32(28) };
            int hop = view.ReadInt32(32), rate = view.ReadInt32(36), count = view.ReadInt32(40);
            long indexOffset = view.ReadInt64(44);
            if (bins != parameters.Cqt.BinCount || hop != parameters.Cqt.HopSamples || rate != parameters.Cqt.SampleRate)
                throw new InvalidDataException($"{path}: {bins} bins, hop {hop} at {rate} Hz, but {json} says {parameters.Cqt.BinCount} bins, hop {parameters.Cqt.HopSamples} at {parameters.Cqt.SampleRate} Hz");
            if (indexOffset < CacheFormat.HeaderBytes || indexOffset > length) throw new InvalidDataException($"{path}: index offset {indexOffset} outside the file (incomplete write?)");
            var recordings = new List<CachedRecording>(count);
            long p = indexOffset;
            for (int i = 0; i < count; i++)
            {
                string name = ReadString(view, ref p, length, path);
                string wav = ReadString(view, ref p, length, path);
                var split = (SplitName)view.ReadByte(p); p += 1;
                int frames = view.ReadInt32(p); p += 4;
                int notes = view.ReadInt32(p); p += 4;
                long offset = view.ReadInt64(p); p += 8;
                recordings.Add(new CachedRecording(name, wav, split, frames, notes, offset));
            }
            return new CacheReader(directory, file, view, parameters, labels, recordings);
        }
        catch
        {
            view.Dispose();
            file.Dispose();
            throw;
        }
    }

    public CachedRecording Find(string name) => Recordings.FirstOrDefault(r => r.Name == name)
        ?? throw new KeyNotFoundException($"{Directory}: no recording named '{name}' (it has {string.Join(", ", Recordings.Take(5).Select(r => r.Name))}{(Recordings.Count > 5 ? ", ..." : "")})");

    /// <summary>Log-CQT frames [first, first + count) of a recording into <paramref name="destination"/>, normalised when asked.</summary>
    public void ReadFeatures(CachedRecording r, int first, int count, Span<float> destination, bool normalize)
    {
        CheckRange(r, first, count);
        Span<float> target = destination[..(count * BinCount)];
        ReadSpan(r.BlockOffset + (long)first * BinCount * 4, MemoryMarshal.AsBytes(target));
        if (normalize) (Parameters.Normalization ?? throw new InvalidDataException($"{Directory}: features.json has no normalisation statistics")).Apply(target);
    }

    /// <summary>The whole recording's labels.</summary>
    public FrameLabels ReadLabels(CachedRecording r)
    {
        var labels = new FrameLabels(r.Frames, Labels, []);
        long p = r.BlockOffset + (long)r.Frames * BinCount * 4;
        int cells = r.Frames * Labels.PitchCount;
        ReadSpan(p, labels.Onset); p += cells;
        ReadSpan(p, labels.Frame); p += cells;
        ReadSpan(p, labels.Offset); p += cells;
        ReadSpan(p, MemoryMarshal.AsBytes(labels.Class.AsSpan()));
        return labels;
    }

    public void Dispose()
    {
        _view.Dispose();
        _file.Dispose();
    }

    private unsafe void ReadSpan(long position, Span<byte> destination)
    {
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        try
        {
            new ReadOnlySpan<byte>(pointer + _view.PointerOffset + position, destination.Length).CopyTo(destination);
        }
        finally
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }

    private void CheckRange(CachedRecording r, int first, int count)
    {
        if (first < 0 || count < 0 || first + count > r.Frames) throw new ArgumentOutOfRangeException(nameof(first), $"{r.Name}: frames {first}..{first + count} outside 0..{r.Frames}");
    }

    private static string ReadString(MemoryMappedViewAccessor view, ref long p, long length, string path)
    {
        int n = view.ReadInt32(p);
        if (n < 0 || p + 4 + n > length) throw new InvalidDataException($"{path}: corrupt index (string length {n} at byte {p})");
        var bytes = new byte[n];
        view.ReadArray(p + 4, bytes, 0, n);
        p += 4 + n;
        return Encoding.UTF8.GetString(bytes);
    }
}
