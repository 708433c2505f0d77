using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Placement;
using Audio2Midi.Tests.Signals;
using Audio2Midi.Training.Evaluation;
using Audio2Midi.Training.F0;

namespace Audio2Midi.Tests.Learning;

/// <summary>The f0 model's batches: a note's first frames weigh what --delta-start-weight says in the delta's loss, and nothing else moves.</summary>
public sealed class F0BatchTests
{
    private static readonly F0Heads Heads = F0Heads.ForSteps(LatencySteps.Milliseconds);

    [Fact]
    public void ANotesFirstFramesWeighTheStartWeightInTheDeltaLoss()
    {
        SyntheticSinger.Take take = SyntheticSinger.Render(5, seconds: 6, rate: F0Heads.SampleRate);
        F0Recording r = F0Recording.Build("take", 0, take.Audio, take.Notes.Select(n => new ScoredNote(n.Onset, n.Offset, n.Midi)).ToArray(), Heads);
        var plain = new F0Batch(1, r.Frames, Heads);
        var weighted = new F0Batch(1, r.Frames, Heads, deltaStartWeight: 5);
        plain.Fill(0, r, 0);
        weighted.Fill(0, r, 0);

        int starts = 0, later = 0;
        for (int i = 0; i < r.Frames; i++)
            for (int h = 0; h < Heads.Count; h++)
            {
                int m = i * Heads.Count + h, decided = i - Heads.DelayFrames[h];
                if (plain.DeltaMask[m] == 0)
                {
                    Assert.Equal(0, weighted.DeltaMask[m]);   // no target, no weight
                    continue;
                }
                Assert.Equal(1, plain.DeltaMask[m]);
                bool start = r.IntoNote[decided] is >= 0 and < F0Batch.DeltaStartFrames;
                Assert.Equal(start ? 5 : 1, weighted.DeltaMask[m]);
                if (start) starts++; else later++;
            }
        Assert.True(starts > 10 * Heads.Count && later > starts, $"{starts} start frames, {later} later ones");
        Assert.Equal(plain.Targets, weighted.Targets);
        Assert.Equal(plain.Mask, weighted.Mask);
    }

    [Fact]
    public void FramesIntoANoteCountFromItsOnset()
    {
        SyntheticSinger.Take take = SyntheticSinger.Render(5, seconds: 6, rate: F0Heads.SampleRate);
        F0Recording r = F0Recording.Build("take", 0, take.Audio, take.Notes.Select(n => new ScoredNote(n.Onset, n.Offset, n.Midi)).ToArray(), Heads);
        for (int t = 0; t < r.Frames; t++)
        {
            Assert.Equal(r.Frame[t] == 1, r.IntoNote[t] >= 0);
            if (r.IntoNote[t] > 0) Assert.Equal(r.IntoNote[t] - 1, r.IntoNote[t - 1]);   // counts up through a note
        }
        Assert.Contains(0, r.IntoNote);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(101)]
    [InlineData(double.NaN)]
    public void AStartWeightOutsideOneToAHundredIsRefused(double weight)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new F0TrainOptions { DeltaStartWeight = weight }.Validate());
        Assert.Contains("--delta-start-weight", e.Message);
    }
}
