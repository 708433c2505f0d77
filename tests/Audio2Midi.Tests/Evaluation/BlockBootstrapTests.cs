using Audio2Midi.Training.Evaluation;

namespace Audio2Midi.Tests.Evaluation;

/// <summary>
/// The block bootstrap behind `a2m evaluate --interval` and `--against`: tallies that add up to the recording's own
/// score, intervals that hold the measured figure and narrow with more material, and a paired difference that is zero
/// for one engine against itself and above zero for an engine better everywhere.
/// </summary>
public class BlockBootstrapTests
{
    private static ScoredNote N(double onset, double pitch) => new(onset, onset + 0.3, pitch);

    /// <summary>A recording of <paramref name="blocks"/> 3 s blocks of four notes each; the estimate names every note of the even blocks right and every note of the odd ones a tone sharp.</summary>
    private static NoteScores HalfRight(int blocks)
    {
        var reference = new List<ScoredNote>();
        var estimate = new List<ScoredNote>();
        for (int b = 0; b < blocks; b++)
            for (int k = 0; k < 4; k++)
            {
                ScoredNote note = N(b * BlockBootstrap.BlockSeconds + 0.2 + 0.6 * k, 60 + k);
                reference.Add(note);
                estimate.Add(note with { MidiPitch = note.MidiPitch + (b % 2 == 0 ? 0 : 2) });
            }
        return NoteScorer.Score(reference, estimate);
    }

    [Fact]
    public void TalliesAddUpToTheRecordingsOwnScore()
    {
        // Matched, a wrong pitch, a missed note, an extra note, and a match across the border at 3 s.
        ScoredNote[] reference = [N(0.5, 60), N(1.5, 62), N(2.99, 64), N(4.0, 65), N(7.0, 67)];
        ScoredNote[] estimate = [N(0.51, 60), N(1.5, 63), N(3.02, 64), N(5.5, 70), N(7.02, 67)];
        NoteScores scores = NoteScorer.Score(reference, estimate);
        int blocks = BlockBootstrap.BlockCount(3, scores);
        Assert.Equal(3, blocks);

        BlockTally[] tallies = BlockBootstrap.Tally(scores, blocks, 3);
        Assert.Equal(new BlockTally(2, 3, 3), tallies[0]);   // the estimate at 3.02 s goes with its match at 2.99 s
        Assert.Equal(new BlockTally(0, 1, 1), tallies[1]);
        Assert.Equal(new BlockTally(1, 1, 1), tallies[2]);
        Assert.All(tallies, t => Assert.True(t.Matched <= Math.Min(t.References, t.Estimates)));
        var sum = PrecisionRecallF1.From(tallies.Sum(t => t.Matched), tallies.Sum(t => t.References), tallies.Sum(t => t.Estimates));
        Assert.Equal(scores.COnP.F1, sum.F1, 12);
        Assert.Equal(0.6, scores.COnP.F1, 12);
    }

    [Fact]
    public void TheIntervalHoldsTheFigureAndNarrowsWithMoreMaterial()
    {
        BootstrapInterval shortTake = BlockBootstrap.MeanF1([HalfRight(4)]);
        BootstrapInterval longTake = BlockBootstrap.MeanF1([HalfRight(16)]);
        Assert.Equal(0.5, shortTake.Estimate, 12);
        Assert.Equal(0.5, longTake.Estimate, 12);
        Assert.InRange(shortTake.Estimate, shortTake.Low, shortTake.High);
        Assert.InRange(longTake.Estimate, longTake.Low, longTake.High);
        // Half the blocks right: the fraction drawn right has a spread of 0.5 / sqrt(blocks), so 4x the blocks halves the width.
        double shortWidth = shortTake.High - shortTake.Low, longWidth = longTake.High - longTake.Low;
        Assert.InRange(shortWidth, 0.6, 1.0);
        Assert.InRange(longWidth / shortWidth, 0.35, 0.65);
    }

    [Fact]
    public void AnEngineAgainstItselfDiffersByZero()
    {
        NoteScores[] scores = [HalfRight(4), HalfRight(6)];
        BootstrapInterval d = BlockBootstrap.Difference(scores, scores);
        Assert.Equal(new BootstrapInterval(0, 0, 0, 0), d);
    }

    [Fact]
    public void AnEngineBetterInEveryBlockIsAheadInEveryResample()
    {
        IReadOnlyList<ScoredNote> reference = HalfRight(6).Reference;
        NoteScores perfect = NoteScorer.Score(reference, reference);
        // The first note of every block a tone sharp: 3 of 4 right everywhere.
        NoteScores half = NoteScorer.Score(reference, reference.Select((n, i) => i % 4 == 0 ? n with { MidiPitch = n.MidiPitch + 2 } : n).ToList());
        BootstrapInterval d = BlockBootstrap.Difference([perfect], [half]);
        Assert.Equal(0.25, d.Estimate, 12);
        Assert.True(d.Low > 0, $"{d}");
        Assert.Equal(1.0, d.ShareAboveZero);
        BootstrapInterval reverse = BlockBootstrap.Difference([half], [perfect]);
        Assert.Equal(-d.Estimate, reverse.Estimate, 12);
        Assert.Equal(0.0, reverse.ShareAboveZero);
    }

    [Fact]
    public void TheSameResamplesEveryRun() =>
        Assert.Equal(BlockBootstrap.MeanF1([HalfRight(5)]), BlockBootstrap.MeanF1([HalfRight(5)]));

    [Fact]
    public void DifferentRecordingsAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => BlockBootstrap.Difference([HalfRight(4)], [HalfRight(4), HalfRight(4)]));
        Assert.Contains("1 and 2 recordings", e.Message);
        e = Assert.Throws<ArgumentException>(() => BlockBootstrap.Difference([HalfRight(4)], [HalfRight(5)]));
        Assert.Contains("not the same recording", e.Message);
        Assert.Throws<ArgumentException>(() => BlockBootstrap.MeanF1([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockBootstrap.Tally(HalfRight(4), 2));
    }
}
