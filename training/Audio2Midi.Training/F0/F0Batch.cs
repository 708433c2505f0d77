using Audio2Midi.Features;
using Audio2Midi.Models;

namespace Audio2Midi.Training.F0;

/// <summary>
/// A batch of crops in the network's shapes: features [batch, frames, width] (the recordings' feature width); per head h the targets of the frame the
/// output at position i decides, i - DelayFrames[h]: [batch, frames, heads, 4] (onset, offset, frame, delta), with
/// masks [batch, frames, heads] for the classifications (the decided frame lies inside the crop) and for the delta
/// (it also has one; a note's first <see cref="DeltaStartFrames"/> frames weigh <c>deltaStartWeight</c>). Filled in place.
/// </summary>
public sealed class F0Batch(int batch, int frames, F0Heads heads, int width = F0FeatureFunction.Width, double deltaStartWeight = 1)
{
    /// <summary>A note's first frames, where the decoder reads a starting note's delta (an Instant onset waits up to 8).</summary>
    public const int DeltaStartFrames = 10;

    public int Batch { get; } = batch;
    public int Frames { get; } = frames;
    public F0Heads Heads { get; } = heads;

    /// <summary>Features per frame.</summary>
    public int Width { get; } = width;
    public float[] Features { get; } = new float[batch * frames * width];
    public float[] Targets { get; } = new float[batch * frames * heads.Size];
    public float[] Mask { get; } = new float[batch * frames * heads.Count];
    public float[] DeltaMask { get; } = new float[batch * frames * heads.Count];

    /// <summary>Item <paramref name="item"/> from frames [start, start + Frames) of <paramref name="r"/> (zero-padded past its end).</summary>
    public void Fill(int item, F0Recording r, int start)
    {
        if (r.Track.Width != Width) throw new ArgumentException($"{r.Name}: {r.Track.Width} features per frame, the batch holds {Width}");
        int w = Width, hc = Heads.Count;
        Features.AsSpan(item * Frames * w, Frames * w).Clear();
        Targets.AsSpan(item * Frames * Heads.Size, Frames * Heads.Size).Clear();
        Mask.AsSpan(item * Frames * hc, Frames * hc).Clear();
        DeltaMask.AsSpan(item * Frames * hc, Frames * hc).Clear();
        int real = Math.Min(Frames, r.Frames - start);
        r.Track.Features.AsSpan(start * w, real * w).CopyTo(Features.AsSpan(item * Frames * w));
        for (int i = 0; i < real; i++)
            for (int h = 0; h < hc; h++)
            {
                int decided = i - Heads.DelayFrames[h];
                if (decided < 0) continue;
                int t = start + decided, m = (item * Frames + i) * hc + h, o = (item * Frames + i) * Heads.Size + h * F0Heads.PerHead;
                Mask[m] = 1;
                Targets[o + F0Heads.Onset] = r.Onset[t];
                Targets[o + F0Heads.Offset] = r.Offset[t];
                Targets[o + F0Heads.Frame] = r.Frame[t];
                float d = r.Delta[h][t];
                if (!float.IsNaN(d))
                {
                    Targets[o + F0Heads.Delta] = d;
                    DeltaMask[m] = r.IntoNote[t] is >= 0 and < DeltaStartFrames ? (float)deltaStartWeight : 1;
                }
            }
    }
}
