using Audio2Midi.Features;
using Audio2Midi.Labels;

namespace Audio2Midi.Training.Datasets;

/// <summary>
/// The training windows of a cache split, cut exactly where <see cref="WindowAssembler"/> cuts a stream (so
/// training and windowed inference see the same windows): full windows every hop, then one padded window for
/// frames not yet covered. Features are normalised with the cache's training statistics; padding is 0 (the mean).
/// </summary>
public static class CacheWindows
{
    /// <summary>Window start frames for a recording of <paramref name="frames"/> frames, with how many real frames each holds.</summary>
    public static IEnumerable<(int Start, int RealFrames)> Plan(int frames, int window, int hop)
    {
        if (window < 1 || hop < 1 || hop > window) throw new ArgumentOutOfRangeException(nameof(hop), "need 1 <= hop <= window");
        int covered = 0, start = 0;
        for (; start + window <= frames; start += hop)
        {
            yield return (start, window);
            covered = start + window;
        }
        if (covered < frames) yield return (start, frames - start);
    }

    /// <summary>Every window of the recordings in <paramref name="split"/>; the returned object is reused between items.</summary>
    public static IEnumerable<TrainingWindow> Enumerate(CacheReader cache, SplitName split)
    {
        CqtSettings cqt = cache.Parameters.Cqt;
        int window = cache.Parameters.Windows.WindowFrames(cqt), hop = cache.Parameters.Windows.HopFrames(cqt);
        int bins = cache.BinCount, pitches = cache.Labels.PitchCount;
        var item = new TrainingWindow(window, bins, pitches);
        foreach (CachedRecording r in cache.Recordings.Where(r => r.Split == split))
        {
            FrameLabels labels = cache.ReadLabels(r);
            foreach ((int start, int real) in Plan(r.Frames, window, hop))
            {
                item.Recording = r.Name;
                item.StartFrame = start;
                Array.Clear(item.Features);
                cache.ReadFeatures(r, start, real, item.Features, normalize: true);
                Copy(labels.Onset, item.Onset, start * pitches, real * pitches);
                Copy(labels.Frame, item.Frame, start * pitches, real * pitches);
                Copy(labels.Offset, item.Offset, start * pitches, real * pitches);
                Array.Clear(item.Class);
                labels.Class.AsSpan(start, real).CopyTo(item.Class);
                Array.Fill(item.Mask, (byte)1, 0, real);
                Array.Clear(item.Mask, real, window - real);
                yield return item;
            }
        }
    }

    private static void Copy(byte[] source, byte[] target, int offset, int count)
    {
        Array.Clear(target);
        source.AsSpan(offset, count).CopyTo(target);
    }
}
