using Audio2Midi.IO;
using Audio2Midi.Models;
using Audio2Midi.Notes;
using Audio2Midi.Tests.Signals;
using Audio2Midi.Training.Evaluation;
using Audio2Midi.Training.F0;

namespace Audio2Midi.Tests.Learning;

/// <summary>
/// Tempo augmentation for the f0 model (`a2m train-f0 --tempos`): a take rendered faster or slower keeps its pitch,
/// and its labels move with it, measured with the engine's own f0 track on a generated sung phrase.
/// </summary>
public sealed class TempoStretchTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(1.25)]
    [InlineData(0.8)]
    public void AStretchedTakeKeepsItsPitchAndItsLabelsFollow(double tempo)
    {
        using var phrase = new SungPhraseFiles();
        double[] pitches = SungPhraseFiles.Pitches;
        SungNote[] sung = phrase.Sung;
        F0Heads heads = F0Heads.ForSteps([0, 60]);

        F0Recording original = F0Dataset.Render(phrase.Wav, phrase.Csv, 0, heads);
        F0Recording r = F0Dataset.Render(phrase.Wav, phrase.Csv, 0, heads, tempo: tempo);

        Assert.InRange(r.Frames, original.Frames / tempo - 4, original.Frames / tempo + 4);
        // Every labelled note: a run of frame labels as long as the note at the new tempo, over f0 at the sung pitch.
        var runs = new List<(int Start, int End)>();
        for (int t = 0; t < r.Frames; t++)
        {
            if (r.Frame[t] == 0) continue;
            int start = t;
            while (t < r.Frames && r.Frame[t] == 1) t++;
            runs.Add((start, t));
        }
        Assert.Equal(pitches.Length, runs.Count);
        double frameSeconds = (double)F0Heads.HopSamples / F0Heads.SampleRate;
        for (int i = 0; i < runs.Count; i++)
        {
            (int start, int end) = runs[i];
            Assert.InRange((end - start) * frameSeconds, 0.4 / tempo - 0.011, 0.4 / tempo + 0.011);
            Assert.InRange(start * frameSeconds, sung[i].Onset / tempo - 0.03, sung[i].Onset / tempo + 0.03);
            double[] heard = r.Track.Midi[start..end].Where(double.IsFinite).ToArray();
            int near = heard.Count(m => Math.Abs(m - pitches[i]) < 0.5);
            Assert.True(near >= 0.85 * (end - start), $"note {i} at tempo {tempo}: {near} of {end - start} labelled frames hear {pitches[i]} within half a semitone");
            Assert.InRange(F0Median.Of(heard.Where(m => Math.Abs(m - pitches[i]) < 0.5).ToArray()), pitches[i] - 0.1, pitches[i] + 0.1);
        }
    }

    [Fact]
    public void ATempoOutsideTheTrustedRangeIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TempoStretch.Apply(new float[100], 16000, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => TempoStretch.Apply(new float[100], 16000, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new F0TrainOptions { Tempos = [0.3] }.Validate());
    }
}
