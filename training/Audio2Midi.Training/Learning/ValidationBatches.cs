using Audio2Midi.Training.Datasets;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// The validation split cut into fixed windows the way <see cref="CacheWindows"/> cuts a cache (full windows, then
/// one padded), normalised, never augmented: the same batches every epoch, so losses compare across epochs.
/// </summary>
public static class ValidationBatches
{
    public static IEnumerable<FrameBatch> Enumerate(TrainingData data, FrameBatch batch)
    {
        var crop = new float[batch.Frames * data.Bins];
        int item = 0;
        foreach ((_, IReadOnlyList<LoadedRecording> recordings) in data.Sets)
            foreach (LoadedRecording r in recordings)
                foreach ((int start, int real) in CacheWindows.Plan(r.Frames, batch.Frames, batch.Frames))
                {
                    Span<float> c = crop.AsSpan(0, real * data.Bins);
                    r.Features.AsSpan(start * data.Bins, real * data.Bins).CopyTo(c);
                    data.Features.Normalization!.Apply(c);
                    batch.Fill(item++, r, start, real, c, 0);
                    if (item == batch.Batch)
                    {
                        batch.Used = item;
                        yield return batch;
                        item = 0;
                    }
                }
        if (item > 0)
        {
            for (int i = item; i < batch.Batch; i++) batch.Mask.AsSpan(i * batch.Frames, batch.Frames).Clear();
            batch.Used = item;
            yield return batch;
        }
    }
}
