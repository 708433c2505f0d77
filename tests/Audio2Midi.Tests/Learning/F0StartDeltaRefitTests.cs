using Audio2Midi.Models;
using Audio2Midi.Placement;
using Audio2Midi.Tests.Signals;
using Audio2Midi.Training.Evaluation;
using Audio2Midi.Training.F0;

namespace Audio2Midi.Tests.Learning;

/// <summary>The start-delta refit: its targets sit around the labelled onsets, and it moves one output of one head and nothing else.</summary>
[Collection("Torch")]
public sealed class F0StartDeltaRefitTests
{
    private static readonly F0Heads Heads = F0Heads.ForSteps(LatencySteps.Milliseconds);

    private static F0Recording Take(int seed)
    {
        SyntheticSinger.Take take = SyntheticSinger.Render(seed, seconds: 8, rate: F0Heads.SampleRate);
        return F0Recording.Build("take", 0, take.Audio, take.Notes.Select(n => new ScoredNote(n.Onset, n.Offset, n.Midi)).ToArray(), Heads);
    }

    /// <summary>The 250 ms head's window from the frame decided, and the 120 ms head's from 16 frames on (past the attack).</summary>
    [Theory]
    [InlineData(4, 0)]
    [InlineData(3, 16)]
    public void TargetsSitAroundOnsetsAndNameTheNoteFromTheHeadsAnchor(int head, int from)
    {
        F0Recording r = Take(5);
        int look = Heads.DelayFrames[head];
        float[] y = F0StartDeltaRefit.Targets(r, look, from);
        var near = new bool[r.Frames];
        foreach ((int on, _) in r.Starts)
            for (int t = Math.Max(0, on - F0StartDeltaRefit.Before); t < Math.Min(r.Frames, on + F0StartDeltaRefit.After); t++) near[t] = true;
        for (int t = 0; t < r.Frames; t++)
            if (!near[t]) Assert.True(float.IsNaN(y[t]), $"frame {t} is no note's start but has a target");
        int named = 0;
        foreach ((int on, double pitch) in r.Starts)
        {
            if (on + look >= r.Frames || float.IsNaN(y[on])) continue;
            // The anchor plus the target is the note's pitch: the median over the head's pitch window, as the decoder takes it.
            var voiced = Enumerable.Range(on + from, look - from + 1).Select(k => r.Track.Midi[k]).Where(m => !double.IsNaN(m)).ToArray();
            if (voiced.Length == 0) continue;   // the decoder's fallback (the frames from the one decided)
            Assert.Equal(pitch, Audio2Midi.Notes.F0Median.Of(voiced) + y[on], 4);
            named++;
        }
        Assert.True(named >= r.Starts.Length / 2, $"{named} of {r.Starts.Length} onsets have a target");
    }

    [Fact]
    public void OnlyTheRefittedHeadsDeltasMove()
    {
        F0Recording r = Take(6);
        var data = new F0Dataset { Train = [r], Validation = [r], Test = [] };
        using var network = new F0NoteNetwork(Heads, 8, 1);
        var before = network.named_parameters().ToDictionary(p => p.name, p => p.parameter.data<float>().ToArray());
        (double was, double now) = F0StartDeltaRefit.Refit(network, data, [(3, 16), (4, 0)], steps: 30, batchSize: 2, cropFrames: 300, learningRate: 1e-2, seed: 1);
        Assert.True(now < was, $"the refit loss went {was} -> {now}");
        int[] rows = [3 * F0Heads.PerHead + F0Heads.Delta, 4 * F0Heads.PerHead + F0Heads.Delta];
        foreach (var (name, p) in network.named_parameters())
        {
            float[] a = before[name], b = p.data<float>().ToArray();
            for (int i = 0; i < a.Length; i++)
            {
                bool refitted = name == "_head.bias" ? rows.Contains(i) : name == "_head.weight" && rows.Contains(i / 8);
                if (!refitted) Assert.Equal(a[i], b[i]);
            }
            if (name == "_head.bias") Assert.All(rows, row => Assert.NotEqual(a[row], b[row]));
            Assert.True(p.requires_grad);   // handed back trainable
        }
    }

    [Fact]
    public void AHeadTheModelLacksIsRefused()
    {
        F0Recording r = Take(6);
        using var network = new F0NoteNetwork(Heads, 8, 1);
        var data = new F0Dataset { Train = [r], Validation = [r], Test = [] };
        Assert.Throws<ArgumentException>(() => F0StartDeltaRefit.Refit(network, data, [(Heads.Count, 0)], 1, 1, 100, 1e-3, 1));
    }
}
