using System.Runtime.InteropServices;
using System.Text;
using Audio2Midi.Labels;

namespace Audio2Midi.Training.Datasets;

/// <summary>Streams recordings into a new cache file (see <see cref="CacheFormat"/>); the index is written by <see cref="Complete"/>.</summary>
public sealed class CacheWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly BinaryWriter _writer;
    private readonly int _bins;
    private readonly LabelSettings _labels;
    private readonly int _hop;
    private readonly int _rate;
    private readonly List<CachedRecording> _index = [];
    private bool _completed;

    public CacheWriter(string path, int bins, LabelSettings labels, int hopSamples, int sampleRate)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite);
        _writer = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true);
        _bins = bins;
        _labels = labels;
        _hop = hopSamples;
        _rate = sampleRate;
        WriteHeader(0, 0);
    }

    public void Add(string name, string sourceWav, SplitName split, ReadOnlySpan<float> features, FrameLabels labels, int notes)
    {
        if (features.Length != labels.FrameCount * _bins) throw new ArgumentException($"{name}: {features.Length} feature values for {labels.FrameCount} frames x {_bins} bins");
        long offset = _stream.Position;
        _writer.Write(MemoryMarshal.AsBytes(features));
        _writer.Write(labels.Onset);
        _writer.Write(labels.Frame);
        _writer.Write(labels.Offset);
        _writer.Write(MemoryMarshal.AsBytes(labels.Class.AsSpan()));
        _index.Add(new CachedRecording(name, sourceWav, split, labels.FrameCount, notes, offset));
    }

    public void Complete()
    {
        long indexOffset = _stream.Position;
        foreach (CachedRecording r in _index)
        {
            WriteString(r.Name);
            WriteString(r.SourceWav);
            _writer.Write((byte)r.Split);
            _writer.Write(r.Frames);
            _writer.Write(r.Notes);
            _writer.Write(r.BlockOffset);
        }
        _stream.Position = 0;
        WriteHeader(_index.Count, indexOffset);
        _writer.Flush();
        _completed = true;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
        if (!_completed) File.Delete(_stream.Name); // never leave a cache without an index behind
    }

    private void WriteHeader(int recordings, long indexOffset)
    {
        _writer.Write(CacheFormat.Magic);
        _writer.Write(CacheFormat.Version);
        _writer.Write(_bins);
        _writer.Write(_labels.MinPitch);
        _writer.Write(_labels.MaxPitch);
        _writer.Write(_labels.OnsetWidthFrames);
        _writer.Write(_labels.OffsetWidthFrames);
        _writer.Write(_hop);
        _writer.Write(_rate);
        _writer.Write(recordings);
        _writer.Write(indexOffset);
    }

    private void WriteString(string s)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s);
        _writer.Write(bytes.Length);
        _writer.Write(bytes);
    }
}
