using Audio2Midi.Notes;

namespace Audio2Midi.Tests.Notes;

/// <summary>The f0 note decoder's history: the median skips unvoiced frames and frames it no longer holds; a voiced stretch is judged on what was pushed.</summary>
public sealed class F0HistoryTests
{
    [Fact]
    public void TheMedianTakesVoicedFramesItStillHolds()
    {
        var h = new F0History();
        Assert.Equal(-1, h.Newest);
        Assert.True(double.IsNaN(h.Median(0, 10)));
        foreach (double v in new[] { 60.0, double.NaN, 62.0, double.PositiveInfinity, 61.0 }) h.Push(v);
        Assert.Equal(4, h.Newest);
        Assert.Equal(61.0, h.Median(0, 4));
        Assert.Equal(61.5, h.Median(2, 100));          // frames not pushed yet are not counted
        Assert.True(double.IsNaN(h.At(3)));            // infinity is unvoiced
        Assert.True(double.IsNaN(h.At(5)));

        // Push past the capacity: frame 0's slot now holds frame 2048, and frame 0 is gone from every question.
        for (int k = 5; k <= F0History.Capacity; k++) h.Push(70.0);
        Assert.True(double.IsNaN(h.At(0)));
        Assert.Equal(70.0, h.At(F0History.Capacity));
        Assert.Equal(61.5, h.Median(0, 4));            // 62 and 61 of frames 1-4; frame 0's 60 no longer counts (it was 61 with it)
    }

    [Fact]
    public void AStretchIsVoicedWhenEveryPushedFrameOfItIs()
    {
        var h = new F0History();
        for (int k = 0; k < 30; k++) h.Push(k is 12 ? double.NaN : 60.0);
        Assert.True(h.VoicedFrom(0, 12));
        Assert.False(h.VoicedFrom(0, 13));
        Assert.True(h.VoicedFrom(13, 20));             // frames 30-32 are not pushed: judged on 13-29
        h.Reset();
        Assert.Equal(-1, h.Newest);
        Assert.True(double.IsNaN(h.Median(0, 30)));
    }
}
