using Audio2Midi.Models;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// A batch in the shapes the networks take: features [batch x frames x bins] (normalised), targets
/// [batch x frames x outputs] in <see cref="PosteriorLayout"/> order (onset, offset, one pitch per frame, voicing), and the mask of
/// real (1) versus padded (0) frames. Filled in place, reused between steps.
/// </summary>
public sealed class FrameBatch(int batch, int frames, int bins, PosteriorLayout layout)
{
    public int Batch { get; } = batch;
    public int Frames { get; } = frames;
    public int Bins { get; } = bins;
    public PosteriorLayout Layout { get; } = layout;
    public float[] Features { get; } = new float[batch * frames * bins];
    public float[] Targets { get; } = new float[batch * frames * layout.Size];
    public float[] Mask { get; } = new float[batch * frames];

    /// <summary>How many items of the batch hold data (the last validation batch may be short).</summary>
    public int Used { get; set; }

    /// <summary>
    /// Item <paramref name="item"/> from frames [start, start + real) of <paramref name="r"/>, with its features
    /// already augmented and normalised in <paramref name="features"/> ([real x bins]) and labels moved by
    /// <paramref name="pitchShift"/> semitones (notes moved out of range are dropped).
    /// </summary>
    public void Fill(int item, LoadedRecording r, int start, int real, ReadOnlySpan<float> features, int pitchShift)
    {
        int o = Layout.Size, p = Layout.Pitches;
        Span<float> f = Features.AsSpan(item * Frames * Bins, Frames * Bins);
        f.Clear();
        features[..(real * Bins)].CopyTo(f);
        Span<float> targets = Targets.AsSpan(item * Frames * o, Frames * o);
        targets.Clear();
        Span<float> mask = Mask.AsSpan(item * Frames, Frames);
        mask.Clear();
        mask[..real].Fill(1);
        for (int t = 0; t < real; t++)
        {
            int source = (start + t) * p;
            Span<float> row = targets.Slice(t * o, o);
            bool voiced = false;
            for (int k = 0; k < p; k++)
            {
                int to = k + pitchShift;
                if (to < 0 || to >= p) continue;
                if (r.Onset[source + k] != 0) row[Layout.Onset] = 1;
                if (r.Offset[source + k] != 0) row[Layout.Offset] = 1;
                if (r.Frame[source + k] != 0 && !voiced) { row[Layout.Frame + to] = 1; voiced = true; } // one voice: the lowest if two overlap
            }
            row[Layout.Voicing] = voiced ? 1 : 0;
        }
    }
}
