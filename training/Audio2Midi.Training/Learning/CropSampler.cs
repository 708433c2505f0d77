using Audio2Midi.Features;
using Audio2Midi.Models;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// Training batches: random crops of a fixed length. A source is drawn by its weight, a recording within it by its
/// length, a start uniformly; each crop is augmented, then normalised with the training statistics.
/// </summary>
public sealed class CropSampler
{
    private readonly TrainingData _data;
    private readonly CropAugmenter _augmenter;
    private readonly FeatureNormalization _normalization;
    private readonly float[] _crop;
    private readonly double[] _sourceWeights;

    public CropSampler(TrainingData data, AugmentationSettings augmentation, int cropFrames)
    {
        augmentation.Validate();
        _data = data;
        CropFrames = cropFrames;
        CqtSettings cqt = data.Features.Cqt;
        if (cqt.BinsPerOctave % 12 != 0 && augmentation.PitchShiftSemitones > 0)
            throw new ArgumentException($"pitch shift needs a whole number of CQT bins per semitone ({cqt.BinsPerOctave} bins per octave)");
        _augmenter = new CropAugmenter(augmentation, data.Bins, cqt.BinsPerOctave / 12, cqt.FramesPerSecond, (float)data.Features.LogFloorDb);
        _normalization = data.Features.Normalization!;
        _crop = new float[cropFrames * data.Bins];
        double total = data.Sets.Sum(s => s.Source.Weight);
        _sourceWeights = data.Sets.Select(s => s.Source.Weight / total).ToArray();
    }

    public int CropFrames { get; }

    public void Next(FrameBatch batch, Random rng)
    {
        for (int item = 0; item < batch.Batch; item++)
        {
            IReadOnlyList<LoadedRecording> set = _data.Sets[Pick(_sourceWeights, rng)].Recordings;
            LoadedRecording r = PickByLength(set, rng);
            int real = Math.Min(CropFrames, r.Frames);
            int start = r.Frames > CropFrames ? rng.Next(r.Frames - CropFrames + 1) : 0;
            Span<float> crop = _crop.AsSpan(0, real * _data.Bins);
            r.Features.AsSpan(start * _data.Bins, real * _data.Bins).CopyTo(crop);
            int shift = _augmenter.Apply(crop, real, rng);
            _normalization.Apply(crop);
            batch.Fill(item, r, start, real, crop, shift);
        }
        batch.Used = batch.Batch;
    }

    private static int Pick(double[] weights, Random rng)
    {
        double u = rng.NextDouble();
        for (int i = 0; i < weights.Length - 1; i++)
        {
            if (u < weights[i]) return i;
            u -= weights[i];
        }
        return weights.Length - 1;
    }

    private static LoadedRecording PickByLength(IReadOnlyList<LoadedRecording> set, Random rng)
    {
        long total = set.Sum(r => (long)r.Frames);
        long u = rng.NextInt64(total);
        foreach (LoadedRecording r in set)
        {
            if (u < r.Frames) return r;
            u -= r.Frames;
        }
        return set[^1];
    }
}
