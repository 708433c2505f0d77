using Audio2Midi.Training.Evaluation;

namespace Audio2Midi.Tests.Evaluation;

/// <summary>`a2m evaluate --breakdown`: every sung note in one class, every extra note in one of two.</summary>
public sealed class NoteErrorBreakdownTests
{
    private static ScoredNote N(double on, double off, double pitch) => new(on, off, pitch);

    [Fact]
    public void EachSungNoteLandsInTheClassThatDescribesIt()
    {
        ScoredNote[] sung =
        [
            N(1.00, 1.40, 60),   // right
            N(2.00, 2.40, 62),   // a semitone off
            N(3.00, 3.40, 64),   // an octave off
            N(4.00, 4.40, 65),   // three semitones off
            N(5.00, 5.40, 67),   // started 100 ms early
            N(6.00, 6.40, 69),   // started 120 ms late
            N(7.00, 7.30, 60),   // right ...
            N(7.35, 7.70, 60),   // ... and the repeat held through as one note
            N(9.00, 9.30, 50),   // nothing there
        ];
        ScoredNote[] sent =
        [
            N(1.01, 1.40, 60), N(1.20, 1.40, 61),   // the second starts inside a sung note: an extra
            N(2.02, 2.40, 63),
            N(3.00, 3.40, 76),
            N(4.01, 4.40, 68),
            N(4.90, 5.40, 67),                      // early: also an extra, where nothing was sung
            N(6.12, 6.40, 69),                      // late: also an extra, inside the sung note
            N(7.00, 7.70, 60),
            N(8.20, 8.40, 55),                      // an extra where nothing was sung
        ];

        NoteScores scores = NoteScorer.Score(sung, sent);
        NoteErrorBreakdown b = NoteErrorBreakdown.From(scores);

        Assert.Equal((9, 9), (b.References, b.Estimates));
        Assert.Equal(scores.COnPMatches.Count, b.Right);
        Assert.Equal(2, b.Right);
        Assert.Equal((1, 1, 1), (b.PitchOffOne, b.PitchOffMore, b.PitchOffOctaves));
        Assert.Equal((1, 1), (b.StartedEarly, b.StartedLate));
        Assert.Equal(1, b.HeldThrough);
        Assert.Equal(1, b.NothingThere);
        Assert.Equal(0, b.PairedElsewhere);
        Assert.Equal((2, 2), (b.ExtraInsideNote, b.ExtraOutside));
        Assert.Equal(b.References, b.ReferenceClasses.Sum(c => c.Count));
    }

    /// <summary>On random note lists the classes always add up, Right is the COnP count, and extras are the estimates no matching paired.</summary>
    [Fact]
    public void ClassesAddUpOnRandomNoteLists()
    {
        var random = new Random(17);
        for (int trial = 0; trial < 200; trial++)
        {
            var sung = RandomNotes(random, random.Next(0, 30));
            var sent = RandomNotes(random, random.Next(0, 30));
            NoteScores scores = NoteScorer.Score(sung, sent);
            NoteErrorBreakdown b = NoteErrorBreakdown.From(scores);
            Assert.Equal(sung.Count, b.ReferenceClasses.Sum(c => c.Count));
            Assert.Equal(scores.COnPMatches.Count, b.Right);
            Assert.All(b.ReferenceClasses.Concat(b.ExtraClasses), c => Assert.True(c.Count >= 0, c.Name));
            int paired = scores.COnMatches.Select(m => m.EstimateIndex).Concat(scores.COnPMatches.Select(m => m.EstimateIndex)).Distinct().Count();
            Assert.Equal(sent.Count - paired, b.ExtraClasses.Sum(c => c.Count));
        }

        var sum = NoteErrorBreakdown.Sum([NoteErrorBreakdown.From(NoteScorer.Score([N(1, 2, 60)], [N(1, 2, 60)])), NoteErrorBreakdown.From(NoteScorer.Score([N(1, 2, 60)], [N(1, 2, 61)]))]);
        Assert.Equal((2, 2, 1, 1), (sum.References, sum.Estimates, sum.Right, sum.PitchOffOne));
    }

    private static List<ScoredNote> RandomNotes(Random random, int count)
    {
        var notes = new List<ScoredNote>();
        double t = random.NextDouble();
        for (int i = 0; i < count; i++)
        {
            double length = 0.05 + random.NextDouble() * 0.5;
            notes.Add(N(t, t + length, 48 + random.Next(0, 30) + random.NextDouble() * 0.4));
            t += random.NextDouble() < 0.3 ? length * random.NextDouble() : length + random.NextDouble() * 0.2;   // some overlap
        }
        return notes;
    }
}
