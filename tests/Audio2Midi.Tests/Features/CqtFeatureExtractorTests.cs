using Audio2Midi.Features;

namespace Audio2Midi.Tests.Features;

public class CqtFeatureExtractorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(159)]
    [InlineData(4096)]
    [InlineData(4096 * 3 - 7)]
    [InlineData(4096 * 5 + 300)]
    public void AnyLengthGivesCeilLengthOverHopFramesEqualToTheStreamingTransform(int length)
    {
        var random = new Random(length);
        float[] x = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var parameters = new FeatureParameters();
        float[] offline = CqtFeatureExtractor.Compute(x, 16000, parameters, out int frames);
        Assert.Equal((length + 159) / 160, frames);
        Assert.Equal(frames, CqtFeatureExtractor.FrameCount(length, 16000, parameters.Cqt));

        // The same numbers the live transform gives, frame for frame (one feature function).
        var cqt = new StreamingCqt(parameters.Cqt);
        float[] padded = [.. x, .. new float[cqt.LatencySamples]];
        var live = new float[cqt.MaxFrames(padded.Length) * cqt.BinCount];
        int n = cqt.Process(padded, live);
        Assert.True(n >= frames);
        Span<float> expected = live.AsSpan(0, frames * cqt.BinCount);
        LogMagnitude.Apply(expected);
        Assert.Equal(expected.ToArray(), offline);
    }

    [Fact]
    public void OtherSampleRatesAreResampledOntoTheSameFrameGrid()
    {
        float[] x = new float[44100 * 2];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(0.5 * Math.Sin(2 * Math.PI * 440 * i / 44100.0));
        float[] f = CqtFeatureExtractor.Compute(x, 44100, new FeatureParameters(), out int frames);
        Assert.Equal(200, frames);
        var cqt = new CqtSettings();
        int bin440 = Enumerable.Range(0, cqt.BinCount).MinBy(b => Math.Abs(cqt.BinFrequency(b) - 440));
        Assert.InRange(f[100 * cqt.BinCount + bin440], -7, -5); // amplitude 0.5 -> -6 dB
    }
}
