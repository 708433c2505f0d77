using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Notes;
using Audio2Midi.Training.Learning;
using TorchSharp;
using static TorchSharp.torch;

namespace Audio2Midi.Training.F0;

/// <summary>
/// Refits long heads' pitch deltas for starting notes on a trained network, everything else frozen: the loss is those
/// heads' deltas alone, on the frames around each labelled onset where the decoder names a starting note (from
/// <see cref="Before"/> frames before it to <see cref="After"/> after), against the note's pitch minus the median f0 over
/// the frames the head has heard from its pitch window's start (its anchor). Only the output layer is optimised, and
/// only the delta rows of those heads get a gradient, so every other output stays as it was.
/// </summary>
public static class F0StartDeltaRefit
{
    public const int Before = 4, After = 10;

    /// <summary>
    /// Per frame: the delta target of a note starting around it for a head with <paramref name="look"/> frames of
    /// look-ahead whose pitch window begins <paramref name="from"/> frames after the frame decided (NaN = none); where
    /// nothing is voiced in that window, the frames from the one decided, as the decoder falls back.
    /// </summary>
    public static float[] Targets(F0Recording r, int look, int from = 0)
    {
        var y = new float[r.Frames];
        Array.Fill(y, float.NaN);
        var scratch = new double[look + 1];
        foreach ((int on, double pitch) in r.Starts)
            for (int t = Math.Max(0, on - Before); t < Math.Min(r.Frames, on + After); t++)
            {
                double anchor = F0Recording.VoicedMedian(r.Track.Midi, t + Math.Min(from, look), t + look, scratch);
                if (double.IsNaN(anchor)) anchor = F0Recording.VoicedMedian(r.Track.Midi, t, t + look, scratch);
                if (!double.IsNaN(anchor) && Math.Abs(pitch - anchor) <= 6) y[t] = (float)(pitch - anchor);
            }
        return y;
    }

    /// <param name="refitted">The heads whose delta is refitted, each with where its pitch window begins (the manifest's <c>f0_pitch_from_frames</c>).</param>
    /// <returns>The refit loss over the validation recordings before and after (summed over the heads).</returns>
    public static (double Before, double After) Refit(F0NoteNetwork network, F0Dataset data, IReadOnlyList<(int Head, int PitchFrom)> refitted, int steps, int batchSize,
        int cropFrames, double learningRate, int seed, IProgress<string>? progress = null)
    {
        F0Heads heads = network.Heads;
        if (refitted.Count == 0 || refitted.Any(x => x.Head < 0 || x.Head >= heads.Count || x.PitchFrom < 0))
            throw new ArgumentException($"the start-delta refit needs heads within 0..{heads.Count - 1}");
        int[] looks = refitted.Select(x => heads.DelayFrames[x.Head]).ToArray();
        int[] channels = refitted.Select(x => x.Head * F0Heads.PerHead + F0Heads.Delta).ToArray();
        float[][][] TargetsOf(IReadOnlyList<F0Recording> recordings) =>
            refitted.Select((x, j) => recordings.Select(r => Targets(r, looks[j], x.PitchFrom)).ToArray()).ToArray();
        float[][][] train = TargetsOf(data.Train), validation = TargetsOf(data.Validation);
        var output = network.named_parameters().Where(p => p.name.StartsWith("_head", StringComparison.Ordinal)).Select(p => p.parameter).ToArray();
        if (output.Length == 0) throw new ArgumentException("the start-delta refit needs a linear output layer (--taps 0)");
        foreach (var (name, p) in network.named_parameters()) p.requires_grad = name.StartsWith("_head", StringComparison.Ordinal);
        var optimizer = new KeptScalarAdam(output, learningRate);
        torch.manual_seed(seed);
        var rng = new Random(seed);
        long totalFrames = data.Train.Sum(r => (long)r.Frames);
        var batch = new F0Batch(batchSize, cropFrames, heads, network.Features.Width());
        var y = refitted.Select(_ => new float[batchSize * cropFrames]).ToArray();
        var mask = refitted.Select(_ => new float[batchSize * cropFrames]).ToArray();

        double Loss(IReadOnlyList<F0Recording> recordings, float[][][] targets)
        {
            double sum = 0;
            using var noGrad = torch.no_grad();
            for (int i = 0; i < recordings.Count; i++)
            {
                int frames = recordings[i].Frames;
                var whole = new F0Batch(1, frames, heads, network.Features.Width());
                whole.Fill(0, recordings[i], 0);
                var shifted = targets.Select((t, j) => Shifted(t[i], 0, frames, looks[j])).ToArray();
                using var scope = torch.NewDisposeScope();
                sum += Masked(network, whole.Features, 1, frames, shifted.Select(x => x.Y).ToArray(), shifted.Select(x => x.Mask).ToArray(), channels).item<float>();
            }
            return recordings.Count == 0 ? double.NaN : sum / recordings.Count;
        }

        double before = Loss(data.Validation, validation);
        network.train();
        double running = 0;
        for (int step = 1; step <= steps; step++)
        {
            for (int i = 0; i < batchSize; i++)
            {
                int k = Pick(data.Train, totalFrames, rng);
                int start = rng.Next(Math.Max(1, data.Train[k].Frames - cropFrames / 2));
                batch.Fill(i, data.Train[k], start);
                for (int j = 0; j < refitted.Count; j++)
                {
                    var (ty, tm) = Shifted(train[j][k], start, cropFrames, looks[j]);
                    ty.CopyTo(y[j], i * cropFrames);
                    tm.CopyTo(mask[j], i * cropFrames);
                }
            }
            using var scope = torch.NewDisposeScope();
            Tensor loss = Masked(network, batch.Features, batchSize, cropFrames, y, mask, channels);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            running += loss.item<float>();
            if (step % 50 == 0)
            {
                progress?.Report($"refit step {step}/{steps} loss {running / 50:0.0000}");
                running = 0;
            }
        }
        network.eval();
        foreach (var (_, p) in network.named_parameters()) p.requires_grad = true;
        return (before, Loss(data.Validation, validation));
    }

    /// <summary>Targets laid out by output position: the output at position i decides frame start + i - look.</summary>
    private static (float[] Y, float[] Mask) Shifted(float[] targets, int start, int frames, int look)
    {
        var y = new float[frames];
        var m = new float[frames];
        for (int i = look; i < frames; i++)
        {
            int t = start + i - look;
            if (t < targets.Length && !float.IsNaN(targets[t])) { y[i] = targets[t]; m[i] = 1; }
        }
        return (y, m);
    }

    /// <summary>The sum over the refitted heads of each one's mean smooth-L1 loss on its masked frames.</summary>
    private static Tensor Masked(F0NoteNetwork network, float[] features, int batch, int frames, float[][] y, float[][] mask, int[] channels)
    {
        Tensor x = torch.tensor(features, [batch, frames, network.Features.Width()]);
        Tensor raw = network.forward(x);
        Tensor sum = torch.zeros(1);
        for (int j = 0; j < channels.Length; j++)
        {
            Tensor target = torch.tensor(y[j], [batch, frames]), m = torch.tensor(mask[j], [batch, frames]);
            Tensor l = nn.functional.smooth_l1_loss(raw.select(2, channels[j]), target, reduction: nn.Reduction.None);
            sum = sum.add((l * m).sum() / m.sum().clamp_min(KeptScalars.One), KeptScalars.One);   // not +: that passes a temporary alpha
        }
        return sum;
    }

    private static int Pick(IReadOnlyList<F0Recording> recordings, long totalFrames, Random rng)
    {
        long at = (long)(rng.NextDouble() * totalFrames);
        for (int i = 0; i < recordings.Count; i++)
        {
            if (at < recordings[i].Frames) return i;
            at -= recordings[i].Frames;
        }
        return recordings.Count - 1;
    }
}
