using Audio2Midi.Features;
using Audio2Midi.Training.Datasets;

namespace Audio2Midi.Tests.Datasets;

public class CacheWindowsTests
{
    [Theory]
    [InlineData(10, 4, 4)]
    [InlineData(10, 4, 2)]
    [InlineData(11, 4, 2)]
    [InlineData(3, 400, 400)]
    [InlineData(800, 400, 300)]
    public void PlanCutsWhereTheWindowAssemblerCuts(int frames, int window, int hop)
    {
        var assembler = new WindowAssembler(1, window, hop);
        var expected = new List<(int, int)>();
        for (int f = 0; f < frames; f++)
            if (assembler.Push([f])) expected.Add(((int)assembler.WindowStartFrame, assembler.Mask.ToArray().Count(m => m == 1)));
        if (assembler.Flush()) expected.Add(((int)assembler.WindowStartFrame, assembler.Mask.ToArray().Count(m => m == 1)));
        Assert.Equal(expected, CacheWindows.Plan(frames, window, hop));
    }

    [Fact]
    public void WindowsOfACacheAreNormalisedMaskedAndLabelled()
    {
        using var input = new DatasetFolder();
        using var cache = new DatasetFolder();
        input.AddTake("a.wav", "a.mid", seed: 400, seconds: 9);
        DatasetImporter.Import(input.Path, cache.Path, new ImportOptions { ValidationFraction = 0, TestFraction = 0 });
        using CacheReader reader = CacheReader.Open(cache.Path);
        var windows = CacheWindows.Enumerate(reader, SplitName.Train)
            .Select(w => (w.StartFrame, Mask: w.Mask.Sum(m => m), Active: w.Frame.Sum(v => v), Mean: w.Features.Take(w.Mask.Sum(m => m) * reader.BinCount).Average()))
            .ToList();
        Assert.Equal([0, 400, 800], windows.Select(w => w.StartFrame));
        Assert.Equal([400, 400, 100], windows.Select(w => w.Mask));
        Assert.True(windows.Sum(w => w.Active) > 100);
        Assert.InRange(windows.Average(w => w.Mean), -0.3, 0.3); // normalised with this (only, training) recording's statistics
        Assert.Empty(CacheWindows.Enumerate(reader, SplitName.Test));
    }
}
