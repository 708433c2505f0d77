using Audio2Midi.Pitch;
using Audio2Midi.Training.Synthesis;
using Xunit.Abstractions;

namespace Audio2Midi.Tests.Synthesis;

public class SyntheticSingingTests(ITestOutputHelper output)
{
    [Fact]
    public void SameSeedGivesTheSameTakeAndAnotherSeedDoesNot()
    {
        SyntheticTake a = SyntheticTake.Render(11, 6, 16000);
        SyntheticTake b = SyntheticTake.Render(11, 6, 16000);
        SyntheticTake c = SyntheticTake.Render(12, 6, 16000);
        Assert.Equal(a.Audio, b.Audio);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Audio, c.Audio);
        Assert.Equal(SyntheticDatasetWriter.PlanTakes(3, 5), SyntheticDatasetWriter.PlanTakes(3, 5));
        Assert.Equal(180, SyntheticDatasetWriter.PlanTakes(3, 5).Sum(), 6);
    }

    [Fact]
    public void TakesAreFiniteAudibleAndLabelledInsideTheirRegister()
    {
        for (int seed = 1; seed <= 6; seed++)
        {
            SyntheticTake take = SyntheticTake.Render(seed, 10, 16000);
            Assert.All(take.Audio, x => Assert.True(float.IsFinite(x) && Math.Abs(x) <= 1));
            Assert.True(take.Audio.Max(Math.Abs) > 0.05);
            Assert.NotEmpty(take.Notes);
            Assert.All(take.Labels, n =>
            {
                Assert.InRange(n.Pitch, take.Singer.Register.LowPitch, take.Singer.Register.HighPitch);
                Assert.True(n.OffsetSeconds > n.OnsetSeconds && n.OffsetSeconds <= 10);
            });
            for (int i = 1; i < take.Notes.Count; i++) Assert.True(take.Notes[i].Onset >= take.Notes[i - 1].Offset - 1e-9, "monophonic");
        }
    }

    [Fact]
    public void PyinFindsTheLabelledPitchInTheMiddleOfMostNotes()
    {
        int checkedNotes = 0, agreeing = 0;
        for (int seed = 21; seed <= 26; seed++)
        {
            SyntheticTake take = SyntheticTake.Render(seed, 15, 16000);
            var settings = new PyinSettings();
            var tracker = new PyinPitchTracker(settings);
            var frames = new List<PitchFrame>();
            foreach (float x in take.Audio)
                if (tracker.Push(x, out PitchFrame f)) frames.Add(f);
            foreach (SungNote note in take.Notes.Where(n => n.Offset - n.Onset >= 0.2))
            {
                double from = note.Onset + 0.4 * (note.Offset - note.Onset), to = note.Onset + 0.7 * (note.Offset - note.Onset);
                var midi = frames.Where(f => f.Voiced)
                    .Select(f => (Time: (f.EndSample - settings.WindowSamples / 2.0) / settings.SampleRate, f.Midi))
                    .Where(f => f.Time >= from && f.Time <= to).Select(f => f.Midi).OrderBy(m => m).ToList();
                checkedNotes++;
                if (midi.Count > 0 && Math.Abs(midi[midi.Count / 2] - note.Pitch) <= 0.5) agreeing++;
            }
        }
        output.WriteLine($"pYIN agrees with the label in the middle of {agreeing} of {checkedNotes} notes");
        Assert.True(checkedNotes >= 30);
        Assert.True(agreeing >= 0.85 * checkedNotes, $"{agreeing} of {checkedNotes}");
    }
}
