using Audio2Midi.Features;

namespace Audio2Midi.Tests.Features;

public class WindowAssemblerTests
{
    private static List<(long Start, float[] Frames, byte[] Mask)> Windows(int frames, int window, int hop)
    {
        var assembler = new WindowAssembler(2, window, hop, padValue: -1);
        var result = new List<(long, float[], byte[])>();
        for (int f = 0; f < frames; f++)
            if (assembler.Push([f, f + 0.5f]))
                result.Add((assembler.WindowStartFrame, assembler.Window.ToArray(), assembler.Mask.ToArray()));
        if (assembler.Flush())
            result.Add((assembler.WindowStartFrame, assembler.Window.ToArray(), assembler.Mask.ToArray()));
        return result;
    }

    [Fact]
    public void CutsWindowsAndPadsTheLastWithAMask()
    {
        var w = Windows(10, 4, 4);
        Assert.Equal([0L, 4, 8], w.Select(x => x.Start));
        Assert.Equal([8f, 8.5f, 9f, 9.5f, -1f, -1f, -1f, -1f], w[2].Frames);
        Assert.Equal(new byte[] { 1, 1, 0, 0 }, w[2].Mask);
        Assert.All(w.Take(2), x => Assert.All(x.Mask, m => Assert.Equal(1, m)));
    }

    [Fact]
    public void OverlappingWindowsCoverEveryFrameAndNeedNoPaddingWhenTheyFit()
    {
        var w = Windows(10, 4, 2);
        Assert.Equal([0L, 2, 4, 6], w.Select(x => x.Start));
        Assert.Equal([6f, 6.5f, 7f, 7.5f, 8f, 8.5f, 9f, 9.5f], w[3].Frames);
        var w11 = Windows(11, 4, 2);
        Assert.Equal(8, w11[^1].Start);
        Assert.Equal(new byte[] { 1, 1, 1, 0 }, w11[^1].Mask);
    }

    [Fact]
    public void ShortStreamGivesOnePaddedWindowAndEmptyGivesNone()
    {
        var w = Windows(3, 400, 400);
        Assert.Single(w);
        Assert.Equal(3, w[0].Mask.Count(m => m == 1));
        Assert.Empty(Windows(0, 4, 4));
    }

    [Fact]
    public void DefaultWindowIsFourSecondsOfFrames()
    {
        var cqt = new CqtSettings();
        Assert.Equal(400, new WindowSettings().WindowFrames(cqt));
        Assert.Equal(300, new WindowSettings { OverlapSeconds = 1 }.HopFrames(cqt));
    }

    [Fact]
    public void PushingAllocatesNothing()
    {
        var assembler = new WindowAssembler(216, 400, 200);
        var frame = new float[216];
        for (int pass = 0; pass < 3; pass++) PushMany(assembler, frame); // compile at the final tier first
        Assert.Equal(0, AllocationProbe.LeastPerPass(() => PushMany(assembler, frame)));
    }

    private static void PushMany(WindowAssembler assembler, float[] frame)
    {
        for (int i = 0; i < 2000; i++) assembler.Push(frame);
    }
}
