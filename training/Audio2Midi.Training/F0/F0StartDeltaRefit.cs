using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Notes;
using TorchSharp;
using static TorchSharp.torch;

namespace Audio2Midi.Training.F0;

/// <summary>
/// Refits one head's pitch delta for starting notes on a trained network, everything else frozen: the loss is that
/// head's delta alone, on the frames around each labelled onset where the decoder names a starting note (from
/// <see cref="Before"/> frames before it to <see cref="After"/> after), against the note's pitch minus the median f0 over
/// the frames the head has heard from that frame (its anchor). Only the output layer is optimised, and only the delta
/// row of that head gets a gradient, so every other output stays as it was.
/// </summary>
public static class F0StartDeltaRefit
{
    public const int Before = 4, After = 10;

    /// <summary>Per frame: the delta target of a note starting around it for a head with <paramref name="look"/> frames of look-ahead (NaN = none).</summary>
    public static float[] Targets(F0Recording r, int look)
    {
        var y = new float[r.Frames];
        Array.Fill(y, float.NaN);
        var scratch = new double[look + 1];
        foreach ((int on, double pitch) in r.Starts)
            for (int t = Math.Max(0, on - Before); t < Math.Min(r.Frames, on + After); t++)
            {
                int count = 0;
                for (int k = t; k <= Math.Min(r.Frames - 1, t + look); k++)
                    if (!double.IsNaN(r.Track.Midi[k])) scratch[count++] = r.Track.Midi[k];
                double anchor = F0Median.Of(scratch.AsSpan(0, count));
                if (!double.IsNaN(anchor) && Math.Abs(pitch - anchor) <= 6) y[t] = (float)(pitch - anchor);
            }
        return y;
    }

    /// <returns>The refit loss over the validation recordings before and after.</returns>
    public static (double Before, double After) Refit(F0NoteNetwork network, F0Dataset data, int head, int steps, int batchSize, int cropFrames, double learningRate,
        int seed, IProgress<string>? progress = null)
    {
        F0Heads heads = network.Heads;
        int look = heads.DelayFrames[head], channel = head * F0Heads.PerHead + F0Heads.Delta;
        var train = data.Train.Select(r => Targets(r, look)).ToArray();
        var validation = data.Validation.Select(r => Targets(r, look)).ToArray();
        var output = network.named_parameters().Where(p => p.name.StartsWith("_head", StringComparison.Ordinal)).Select(p => p.parameter).ToArray();
        if (output.Length == 0) throw new ArgumentException("the start-delta refit needs a linear output layer (--taps 0)");
        foreach (var (name, p) in network.named_parameters()) p.requires_grad = name.StartsWith("_head", StringComparison.Ordinal);
        var optimizer = optim.Adam(output, learningRate);
        torch.manual_seed(seed);
        var rng = new Random(seed);
        long totalFrames = data.Train.Sum(r => (long)r.Frames);
        var batch = new F0Batch(batchSize, cropFrames, heads, network.Features.Width());
        var y = new float[batchSize * cropFrames];
        var mask = new float[batchSize * cropFrames];

        double Loss(IReadOnlyList<F0Recording> recordings, float[][] targets)
        {
            double sum = 0;
            int n = 0;
            using var noGrad = torch.no_grad();
            for (int i = 0; i < recordings.Count; i++)
            {
                var whole = new F0Batch(1, recordings[i].Frames, heads, network.Features.Width());
                whole.Fill(0, recordings[i], 0);
                var (wy, wm) = Shifted(targets[i], 0, recordings[i].Frames, look);
                using var scope = torch.NewDisposeScope();
                Tensor l = Masked(network, whole.Features, 1, recordings[i].Frames, wy, wm, channel);
                if (wm.Sum() > 0) { sum += l.item<float>(); n++; }
            }
            return n == 0 ? double.NaN : sum / n;
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
                var (ty, tm) = Shifted(train[k], start, cropFrames, look);
                ty.CopyTo(y, i * cropFrames);
                tm.CopyTo(mask, i * cropFrames);
            }
            using var scope = torch.NewDisposeScope();
            Tensor loss = Masked(network, batch.Features, batchSize, cropFrames, y, mask, channel);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            running += loss.item<float>();
            if (step % 50 == 0) progress?.Report($"refit step {step}/{steps} loss {running / 50:0.0000}");
            if (step % 50 == 0) running = 0;
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

    private static Tensor Masked(F0NoteNetwork network, float[] features, int batch, int frames, float[] y, float[] mask, int channel)
    {
        Tensor x = torch.tensor(features, [batch, frames, network.Features.Width()]);
        Tensor prediction = network.forward(x).select(2, channel);
        Tensor target = torch.tensor(y, [batch, frames]), m = torch.tensor(mask, [batch, frames]);
        Tensor l = nn.functional.smooth_l1_loss(prediction, target, reduction: nn.Reduction.None);
        return (l * m).sum() / m.sum().clamp_min(1);
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
