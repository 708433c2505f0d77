using Audio2Midi.Features;
using Audio2Midi.Labels;
using Audio2Midi.Training.Datasets;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// The recordings of one split from one or more dataset caches, in memory. All caches must share the first one's
/// CQT settings and pitch range; the first cache's training statistics normalise every source, so a model sees
/// one feature function (it travels with the model as features.json).
/// </summary>
public sealed class TrainingData
{
    internal TrainingData(FeatureParameters features, LabelSettings labels, IReadOnlyList<(TrainingSource Source, IReadOnlyList<LoadedRecording> Recordings)> sets)
    {
        Features = features;
        Labels = labels;
        Sets = sets;
    }

    /// <summary>The feature parameters (with normalisation) of the first source.</summary>
    public FeatureParameters Features { get; }

    public LabelSettings Labels { get; }

    public IReadOnlyList<(TrainingSource Source, IReadOnlyList<LoadedRecording> Recordings)> Sets { get; }

    public int Bins => Features.Cqt.BinCount;

    public long TotalFrames => Sets.Sum(s => s.Recordings.Sum(r => (long)r.Frames));

    public int RecordingCount => Sets.Sum(s => s.Recordings.Count);

    /// <summary>Other recordings under this data's feature function (normalisation), e.g. a validation set from another cache.</summary>
    public TrainingData WithSets(IReadOnlyList<(TrainingSource Source, IReadOnlyList<LoadedRecording> Recordings)> sets) => new(Features, Labels, sets);

    /// <summary>Loads <paramref name="split"/> of every source; an empty or missing split is an error naming the cache.</summary>
    public static TrainingData Load(IReadOnlyList<TrainingSource> sources, SplitName split)
    {
        if (sources.Count == 0) throw new ArgumentException("no training data given (pass --data DIR, a cache made by `a2m dataset import`)");
        FeatureParameters? first = null;
        LabelSettings? labels = null;
        var sets = new List<(TrainingSource, IReadOnlyList<LoadedRecording>)>();
        foreach (TrainingSource source in sources)
        {
            if (!System.IO.Directory.Exists(source.CacheDirectory)) throw new DirectoryNotFoundException($"{source.CacheDirectory}: no such dataset cache folder");
            using CacheReader cache = CacheReader.Open(source.CacheDirectory);
            if (first is null)
            {
                first = cache.Parameters;
                labels = cache.Labels;
                if (first.Normalization is null) throw new InvalidDataException($"{source.CacheDirectory}: features.json has no normalisation statistics; re-import the dataset");
            }
            else
            {
                if (cache.Parameters.Cqt != first.Cqt || cache.Parameters.LogFloorDb != first.LogFloorDb)
                    throw new InvalidDataException($"{source.CacheDirectory}: its CQT settings differ from {sources[0].CacheDirectory}'s; import both with the same settings");
                if (cache.Labels.MinPitch != labels!.MinPitch || cache.Labels.MaxPitch != labels.MaxPitch)
                    throw new InvalidDataException($"{source.CacheDirectory}: pitch range {cache.Labels.MinPitch}..{cache.Labels.MaxPitch} differs from {labels.MinPitch}..{labels.MaxPitch}");
            }
            var recordings = new List<LoadedRecording>();
            foreach (CachedRecording r in cache.Recordings.Where(r => r.Split == split && r.Frames > 0))
            {
                var features = new float[r.Frames * cache.BinCount];
                cache.ReadFeatures(r, 0, r.Frames, features, normalize: false);
                FrameLabels l = cache.ReadLabels(r);
                recordings.Add(new LoadedRecording(r.Name, r.Frames, features, l.Onset, l.Frame, l.Offset));
            }
            if (recordings.Count == 0)
                throw new InvalidDataException($"{source.CacheDirectory}: its {split} split holds no recordings (it has {cache.Recordings.Count} in all); import with a larger --validation/--test fraction or more data");
            sets.Add((source, recordings));
        }
        return new TrainingData(first!, labels!, sets);
    }
}
