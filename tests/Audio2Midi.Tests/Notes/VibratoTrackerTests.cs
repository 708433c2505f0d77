using Audio2Midi.Notes;

namespace Audio2Midi.Tests.Notes;

public class VibratoTrackerTests
{
    private const double FrameMs = 5;

    private static VibratoTracker Feed(Func<double, double> pitchAt, double seconds, VibratoTracker? tracker = null)
    {
        tracker ??= new VibratoTracker(FrameMs);
        for (int i = 0; i < seconds * 1000 / FrameMs; i++) tracker.Add(pitchAt(i * FrameMs / 1000));
        return tracker;
    }

    [Theory]
    [InlineData(5.5, 1.0)]
    [InlineData(4.5, 1.3)]
    [InlineData(7.0, 0.3)]
    [InlineData(6.0, 1.5)]
    public void SteadyVibratoIsFoundWithItsCentreAndExtent(double hz, double semitones)
    {
        var tracker = Feed(t => 62.3 + semitones * Math.Sin(2 * Math.PI * hz * t), 1.0);
        Assert.True(tracker.Active);
        Assert.Equal(62.3, tracker.Centre, 0.1);
        Assert.Equal(semitones, tracker.Extent, 0.1);
    }

    [Fact]
    public void ThreeTurnsAreEnough()
    {
        // 5.5 Hz from a rising zero crossing: turns at ~45, 136 and 227 ms, the third confirmed a few frames later.
        var tracker = new VibratoTracker(FrameMs);
        int firstActive = -1;
        for (int i = 0; i < 200 && firstActive < 0; i++)
        {
            tracker.Add(60 + Math.Sin(2 * Math.PI * 5.5 * i * FrameMs / 1000));
            if (tracker.Active) firstActive = i;
        }
        Assert.InRange(firstActive * FrameMs, 225, 260);
    }

    [Theory]
    [InlineData(2.0, 1.0)]   // too slow: a melody going up and down, not vibrato
    [InlineData(14.0, 1.0)]  // too fast
    [InlineData(5.5, 0.1)]   // too narrow to matter (and tracker jitter looks like this)
    [InlineData(5.5, 2.0)]   // +-2 semitones: a trill between notes a major third apart
    public void OtherMotionIsNotVibrato(double hz, double semitones)
    {
        var tracker = Feed(t => 60 + semitones * Math.Sin(2 * Math.PI * hz * t), 1.5);
        Assert.False(tracker.Active);
    }

    [Fact]
    public void AGlideOrAHeldNoteIsNotVibrato()
    {
        Assert.False(Feed(t => 60 + 10 * t, 0.5).Active);
        Assert.False(Feed(t => 60 + 0.02 * Math.Sin(2 * Math.PI * 40 * t), 0.5).Active);
    }

    [Fact]
    public void VibratoThatStopsIsForgottenWithinAHalfPeriod()
    {
        var tracker = Feed(t => 60 + Math.Sin(2 * Math.PI * 5.5 * t), 1.0);
        Assert.True(tracker.Active);
        Feed(_ => 64, 0.15, tracker);
        Assert.False(tracker.Active);
        Feed(t => 60 + Math.Sin(2 * Math.PI * 5.5 * t), 1.0, tracker);
        tracker.Reset();
        Assert.False(tracker.Active);
    }
}
