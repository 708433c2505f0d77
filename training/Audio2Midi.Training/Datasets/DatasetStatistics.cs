using Audio2Midi.Labels;

namespace Audio2Midi.Training.Datasets;

/// <summary>Counts over a cache: recordings, frames and notes per split, and frames per class (0 = silence, then each pitch).</summary>
public sealed record DatasetStatistics(
    IReadOnlyDictionary<SplitName, (int Recordings, long Frames, long Notes)> Splits,
    long[] ClassFrames,
    long OnsetFrames)
{
    public static DatasetStatistics Compute(CacheReader cache)
    {
        var splits = new Dictionary<SplitName, (int, long, long)>();
        foreach (SplitName s in Enum.GetValues<SplitName>()) splits[s] = (0, 0, 0);
        var classes = new long[cache.Labels.ClassCount];
        long onsets = 0;
        foreach (CachedRecording r in cache.Recordings)
        {
            var (count, frames, notes) = splits[r.Split];
            splits[r.Split] = (count + 1, frames + r.Frames, notes + r.Notes);
            FrameLabels labels = cache.ReadLabels(r);
            foreach (short c in labels.Class) classes[c]++;
            foreach (byte o in labels.Onset) onsets += o;
        }
        return new DatasetStatistics(splits, classes, onsets);
    }
}
