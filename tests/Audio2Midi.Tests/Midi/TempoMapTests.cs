using Audio2Midi.Midi;

namespace Audio2Midi.Tests.Midi;

public class TempoMapTests
{
    [Fact]
    public void NoChangesMeansTheSmfDefaultOf120Bpm()
    {
        var map = new TempoMap(480, []);
        Assert.Equal([(0L, 500_000)], map.Changes);
        Assert.Equal(0.5, map.TicksToSeconds(480), 12);
        Assert.Equal(480, map.SecondsToTicks(0.5));
    }

    [Fact]
    public void FirstChangeAfterTickZeroGetsTheDefaultBeforeIt()
    {
        var map = new TempoMap(100, [(200, 1_000_000)]);
        Assert.Equal([(0L, 500_000), (200L, 1_000_000)], map.Changes);
        Assert.Equal(1.0, map.TicksToSeconds(200), 12);
        Assert.Equal(2.0, map.TicksToSeconds(300), 12);
    }

    [Fact]
    public void SeveralChangesConvertBothWays()
    {
        // 120 BPM for 2 beats, 240 BPM for 2 beats, 60 BPM after.
        var map = new TempoMap(480, [(1920, 1_000_000), (0, 500_000), (960, 250_000)]);
        Assert.Equal([(0L, 500_000), (960L, 250_000), (1920L, 1_000_000)], map.Changes);

        (long Tick, double Seconds)[] expected = [(0, 0), (480, 0.5), (960, 1.0), (1440, 1.25), (1920, 1.5), (2400, 2.5), (19200, 37.5)];
        foreach (var (tick, seconds) in expected)
        {
            Assert.Equal(seconds, map.TicksToSeconds(tick), 12);
            Assert.Equal(tick, map.SecondsToTicks(seconds));
        }

        // Exact inverse on every tick, across all segment boundaries.
        for (long t = 0; t < 5000; t++)
            Assert.Equal(t, map.SecondsToTicks(map.TicksToSeconds(t)));

        // Off-grid times round to the nearest tick.
        double tickInSecondSegment = 0.25 / 480;
        Assert.Equal(961, map.SecondsToTicks(1.0 + 0.6 * tickInSecondSegment));
        Assert.Equal(960, map.SecondsToTicks(1.0 + 0.4 * tickInSecondSegment));
    }

    [Fact]
    public void LastChangeAtTheSameTickWins()
    {
        var map = new TempoMap(96, [(0, 400_000), (0, 600_000), (96, 300_000), (96, 200_000)]);
        Assert.Equal([(0L, 600_000), (96L, 200_000)], map.Changes);
    }

    [Fact]
    public void ConstantRoundsBpmToWholeMicroseconds()
    {
        var map = TempoMap.Constant(960, 100);
        Assert.Equal(960, map.Ppq);
        Assert.Equal([(0L, 600_000)], map.Changes);
        Assert.Equal(0.6, map.TicksToSeconds(960), 12);

        Assert.Equal(333_333, TempoMap.Constant(480, 180).Changes[0].MicrosecondsPerQuarter);
    }

    [Fact]
    public void LongMapHasNoDrift()
    {
        // 10 minutes at an awkward tempo: each tick converts on its own, so the end is as exact as the start.
        var map = new TempoMap(960, [(0, 545_455), (100_000, 612_345)]);
        long end = map.SecondsToTicks(600);
        Assert.Equal(end, map.SecondsToTicks(map.TicksToSeconds(end)));
        Assert.InRange(Math.Abs(map.TicksToSeconds(end) - 600), 0, 0.5 * 612_345 / 1e6 / 960 + 1e-9);
    }

    [Fact]
    public void InvalidArgumentsThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TempoMap(0, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TempoMap(480, [(0, 0)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TempoMap(480, [(-1, 500_000)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TempoMap.Constant(480, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TempoMap.Constant(480, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TempoMap(480, []).SecondsToTicks(double.PositiveInfinity));
    }
}
