using Xunit.Abstractions;
using Audio2Midi.Features;
using Audio2Midi.Pitch;
using Audio2Midi.Tests.Signals;

namespace Audio2Midi.Tests.Features;

public class StreamingCqtTests(ITestOutputHelper output)
{
    private static readonly CqtSettings Default = new();

    private static float[] TestSignal(int samples, int seed = 3, double rate = 16000)
    {
        var random = new Random(seed);
        var x = new float[samples];
        for (int i = 0; i < samples; i++)
        {
            double t = i / rate;
            x[i] = (float)(0.4 * Math.Sin(2 * Math.PI * 220 * t) + 0.2 * Math.Sin(2 * Math.PI * 1234.5 * t + 1)
                + 0.1 * Math.Sin(2 * Math.PI * 70 * t) + 0.05 * (random.NextDouble() * 2 - 1));
        }
        return x;
    }

    private static float[] AllFrames(StreamingCqt cqt, float[] x, IEnumerable<int> blockSizes, out int frames)
    {
        var output = new List<float>();
        var scratch = new float[cqt.MaxFrames(x.Length) * cqt.BinCount];
        int position = 0;
        using var sizes = blockSizes.GetEnumerator();
        while (position < x.Length)
        {
            sizes.MoveNext();
            int size = Math.Min(sizes.Current, x.Length - position);
            int n = cqt.Process(x.AsSpan(position, size), scratch);
            output.AddRange(scratch.AsSpan(0, n * cqt.BinCount).ToArray());
            position += size;
        }
        frames = output.Count / cqt.BinCount;
        return [.. output];
    }

    private static IEnumerable<int> Repeat(int size) { while (true) yield return size; }

    [Theory]
    [InlineData(1024, 1e-11, 16000, 160)]   // the default settings
    [InlineData(4096, 1e-11, 16000, 160)]   // longer kernels at the bottom
    [InlineData(2048, 1e-11, 22050, 256)]   // another internal rate and hop
    [InlineData(1024, 1e-12, 16000, 160)]   // tighter kernels
    public void MatchesBruteForceCqt(int maxKernel, double tolerance, int rate, int hop)
    {
        var s = Default with { MaxKernelSamples = maxKernel, KernelTolerance = tolerance, SampleRate = rate, HopSamples = hop };
        float[] x = TestSignal(rate, rate: rate);
        var cqt = new StreamingCqt(s);
        float[] frames = AllFrames(cqt, x, Repeat(512), out int count);
        double worst = 0, worstOwn = 0;
        foreach (int frame in new[] { 0, 3, 37, 60, count - 1 })
        {
            double[] exact = BruteForceCqt.Frame(x, frame, s);
            double max = exact.Max();
            for (int bin = 0; bin < s.BinCount; bin++)
            {
                double error = Math.Abs(frames[frame * s.BinCount + bin] - exact[bin]);
                worst = Math.Max(worst, error / max);
                if (exact[bin] > 0.01 * max) worstOwn = Math.Max(worstOwn, error / exact[bin]); // bins within 40 dB of the peak, against themselves
            }
        }
        output.WriteLine($"{rate} Hz, kernel cap {maxKernel}, tolerance {tolerance}: {cqt.CoefficientCount} coefficients, worst error {worst:E2} of the frame's largest bin, {worstOwn:E2} of the bin itself (bins within 40 dB of the peak)");
        Assert.True(worstOwn < 1e-4, $"worst error relative to the bin itself: {worstOwn:E2}");
        Assert.True(worst < 1e-4, $"worst error relative to the frame's largest bin: {worst:E2}");
    }

    [Fact]
    public void SinusoidReadsHalfItsAmplitudeAtItsBin()
    {
        var s = Default;
        int bin = 100;
        float[] x = TestSignals.Sine(s.BinFrequency(bin), 1.0, s.SampleRate, 0.8);
        var cqt = new StreamingCqt(s);
        float[] frames = AllFrames(cqt, x, Repeat(256), out int count);
        float[] mid = frames.AsSpan(count / 2 * s.BinCount, s.BinCount).ToArray();
        Assert.Equal(bin, Array.IndexOf(mid, mid.Max()));
        Assert.InRange(mid[bin], 0.39, 0.41);
    }

    [Fact]
    public void FramesAreIdenticalForAnyBlockPartition()
    {
        float[] x = TestSignal(12000, seed: 5);
        float[] reference = AllFrames(new StreamingCqt(Default), x, Repeat(x.Length), out int frames);
        Assert.Equal((x.Length - Default.LatencySamples) / Default.HopSamples + 1, frames);
        var random = new Random(9);
        foreach (IEnumerable<int> sizes in new[] { Repeat(1), Repeat(17), Repeat(160), Repeat(4096), RandomSizes(random) })
            Assert.Equal(reference, AllFrames(new StreamingCqt(Default), x, sizes, out _));
    }

    private static IEnumerable<int> RandomSizes(Random random) { while (true) yield return random.Next(1, 3000); }

    [Fact]
    public void ReportsLatencyOfHalfTheAnalysisSpan()
    {
        var cqt = new StreamingCqt(Default);
        Assert.Equal(1024, Default.FftSize);
        Assert.Equal(512, cqt.LatencySamples);
        Assert.Equal(0.032, cqt.LatencySeconds, 6);
        var scratch = new float[cqt.MaxFrames(600) * cqt.BinCount];
        Assert.Equal(0, cqt.Process(new float[511], scratch));
        Assert.Equal(1, cqt.Process(new float[1], scratch)); // frame 0, centred on sample 0, is complete
    }

    [Fact]
    public void SteadyStateAllocatesNothingAndSurvivesBadInput()
    {
        var cqt = new StreamingCqt(Default);
        float[] x = TestSignal(16000);
        x[100] = float.NaN;
        x[200] = float.PositiveInfinity;
        x[300] = 1e-40f;
        var scratch = new float[cqt.MaxFrames(128) * cqt.BinCount];
        // Warm-up: a whole pass, so every method is compiled at its final tier before measuring.
        for (int pass = 0; pass < 3; pass++) StreamBlocks(cqt, x, scratch);
        cqt.Reset();
        bool finite = true;
        long allocated = AllocationProbe.LeastPerPass(() =>
        {
            cqt.Reset();
            finite &= StreamBlocks(cqt, x, scratch);
        });
        Assert.Equal(0, allocated);
        Assert.True(finite);
    }

    private static bool StreamBlocks(StreamingCqt cqt, float[] x, float[] scratch)
    {
        bool finite = true;
        for (int start = 0; start + 128 <= x.Length; start += 128)
        {
            int n = cqt.Process(x.AsSpan(start, 128), scratch);
            for (int i = 0; i < n * cqt.BinCount; i++) finite &= float.IsFinite(scratch[i]);
        }
        return finite;
    }

    [Fact]
    public void PitchOfAHarmonicToneIsItsStrongestLowBin()
    {
        var s = Default;
        float[] x = TestSignals.Sing([new SungNote(0, 1, 57)], 1.0, s.SampleRate);
        var features = CqtFeatureExtractor.Compute(x, s.SampleRate, new FeatureParameters(), out int frames);
        Assert.Equal(100, frames);
        int frame = 50;
        int best = 0;
        for (int b = 0; b < s.BinCount; b++)
            if (features[frame * s.BinCount + b] > features[frame * s.BinCount + best]) best = b;
        Assert.InRange(s.BinMidi(best), 56.5, 69.5); // the fundamental or a strong low harmonic
        Assert.Contains(Enumerable.Range(0, s.BinCount), b => Math.Abs(s.BinMidi(b) - 57) < 0.2 && features[frame * s.BinCount + b] > -40);
        Assert.True(PitchMath.MidiToHz(57) > s.MinFrequency);
    }

    [Fact]
    public void InvalidSettingsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingCqt(Default with { BinCount = 400 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingCqt(Default with { HopSamples = 0 }));
    }
}
