using Audio2Midi.Notes;

namespace Audio2Midi.Tests.Notes;

/// <summary>
/// The shorter head's onset is taken only where the deciding head did not rise within the window either side of it;
/// it is decided the window's frames later and dated where the shorter head rose.
/// </summary>
public sealed class OnsetFillInTests
{
    /// <summary>Runs 100 frames: the deciding head rises at <paramref name="ownRise"/> (or never), the shorter head's onset is 0.9 from <paramref name="partnerRise"/> for 6 frames.</summary>
    private static List<(long Decided, long Missed, float Confidence)> Run(int partnerRise, int ownRise, double threshold = 0.5)
    {
        var fill = new OnsetFillIn(threshold);
        var found = new List<(long, long, float)>();
        for (int t = 0; t < 100; t++)
        {
            float partner = t >= partnerRise && t < partnerRise + 6 ? 0.9f : 0.1f;
            long missed = fill.Step(t, t == ownRise, partner, out float confidence);
            if (missed >= 0) found.Add((t, missed, confidence));
        }
        return found;
    }

    [Fact]
    public void AnOnsetOnlyTheShorterHeadHeardIsTakenWhereItRose()
    {
        var found = Assert.Single(Run(partnerRise: 40, ownRise: -1));
        Assert.Equal(40, found.Missed);
        Assert.Equal(40 + OnsetFillIn.WindowFrames, found.Decided);
        Assert.Equal(0.9f, found.Confidence);
    }

    [Theory]
    [InlineData(36)]   // the deciding head rose 4 frames before
    [InlineData(40)]   // at the same frame
    [InlineData(44)]   // 4 frames after: the deciding head's own timing stands
    public void AnOnsetBothHeadsHeardIsTheDecidingHeadsOwn(int ownRise) => Assert.Empty(Run(partnerRise: 40, ownRise));

    [Theory]
    [InlineData(35)]
    [InlineData(45)]
    public void AnOwnRiseOutsideTheWindowIsAnotherOnset(int ownRise) => Assert.Single(Run(partnerRise: 40, ownRise), f => f.Missed == 40);

    [Fact]
    public void TheShorterHeadMustRiseThroughItsOwnThreshold()
    {
        Assert.Empty(Run(partnerRise: 40, ownRise: -1, threshold: 0.95));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnsetFillIn(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnsetFillIn(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnsetFillIn(double.NaN));
    }
}
