using Audio2Midi.Features;
using Audio2Midi.TestCommon;
using Audio2Midi.Tests.Signals;

namespace Audio2Midi.Tests.Features;

/// <summary>The f0 model's spectral-change numbers on generated signals: what they rise for, what leaves them still, and that a sung pitch is not in them.</summary>
public sealed class SpectralChangeTests
{
    private const int Rate = 16000, Hop = 80;

    /// <summary>A harmonic tone at <paramref name="hz"/>, harmonic h weighted by <paramref name="weight"/>(h, seconds).</summary>
    private static float[] Tone(double hz, double seconds, Func<int, double, double> weight, double amplitude = 0.2)
    {
        var x = new float[(int)(seconds * Rate)];
        for (int i = 0; i < x.Length; i++)
        {
            double t = (double)i / Rate, s = 0;
            for (int h = 1; h * hz < 7500; h++) s += weight(h, t) * Math.Sin(2 * Math.PI * hz * h * t);
            x[i] = (float)(amplitude * s);
        }
        return x;
    }

    /// <summary>The three numbers at every 5 ms frame of <paramref name="x"/>, from the newest samples as the engine hands them over.</summary>
    private static float[][] Run(float[] x)
    {
        var change = new SpectralChange();
        var frames = new List<float[]>();
        for (int end = Hop; end <= x.Length; end += Hop)
        {
            var row = new float[SpectralChange.Width];
            change.Step(x.AsSpan(Math.Max(0, end - SpectralChange.WindowSamples), Math.Min(end, SpectralChange.WindowSamples)), row);
            frames.Add(row);
        }
        return frames.ToArray();
    }

    private static double Max(float[][] f, int k, double from, double to) => Frames(f, from, to).Max(r => r[k]);

    private static double Mean(float[][] f, int k, double from, double to) => Frames(f, from, to).Average(r => r[k]);

    private static IEnumerable<float[]> Frames(float[][] f, double from, double to) => f.Skip((int)(from * Rate / Hop)).Take((int)((to - from) * Rate / Hop));

    [Fact]
    public void AVowelChangeOnOnePitchMovesTheEnvelopeAndASteadyToneMovesNothing()
    {
        // Dark (harmonics 1-3) to bright (harmonics 16-24, 3.5-5.3 kHz) at 0.5 s, 220 Hz throughout, about the same level.
        float[] x = Tone(220, 1.0, (h, t) => t < 0.5 ? (h <= 3 ? 1.0 : 0.02) : (Math.Abs(h - 20) <= 4 ? 0.6 : 0.02));
        float[][] f = Run(x);
        Assert.True(Max(f, 1, 0.2, 0.45) < 0.05, $"steady envelope change {Max(f, 1, 0.2, 0.45):0.000}");
        Assert.True(Max(f, 0, 0.2, 0.45) < 0.05, $"steady flux {Max(f, 0, 0.2, 0.45):0.000}");
        Assert.True(Max(f, 1, 0.49, 0.56) > 0.8, $"envelope change at the vowel change {Max(f, 1, 0.49, 0.56):0.000}");
        Assert.True(Max(f, 0, 0.49, 0.56) > 0.5, $"flux at the vowel change {Max(f, 0, 0.49, 0.56):0.000}");
        Assert.True(Max(f, 1, 0.65, 0.95) < 0.05, $"envelope change after it {Max(f, 1, 0.65, 0.95):0.000}");
        Assert.True(Mean(f, 2, 0.7, 0.95) - Mean(f, 2, 0.2, 0.45) > 0.5, "the bright vowel has more of its energy from 4 kHz up");
    }

    [Fact]
    public void ABreathRaisesTheHighShareAndItsStartIsFlux()
    {
        float[] x = Tone(196, 1.0, (h, t) => 1.0 / h);
        float[] noise = TestSignals.WhiteNoise(0.3, Rate, 0.1);
        for (int i = 0; i < noise.Length; i++) x[(int)(0.5 * Rate) + i] = noise[i];   // the tone gives way to breath noise at 0.5 s
        float[][] f = Run(x);
        Assert.True(Mean(f, 2, 0.6, 0.75) - Mean(f, 2, 0.2, 0.45) > 0.4,
            $"high share in breath {Mean(f, 2, 0.6, 0.75):0.00} against the tone's {Mean(f, 2, 0.2, 0.45):0.00}");
        Assert.True(Max(f, 0, 0.49, 0.54) > 0.3 && Max(f, 0, 0.2, 0.45) < 0.05, $"flux where the breath starts {Max(f, 0, 0.49, 0.54):0.00}");
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(-5.5)]
    [InlineData(7.3)]
    public void ASteadyToneReadsAlikeAtAnotherPitch(double semitones)
    {
        // The same voice colour (a fixed spectral slope) a fractional interval higher or lower.
        double hz = 220 * Math.Pow(2, semitones / 12);
        float[][] a = Run(Tone(220, 0.6, (h, _) => 1.0 / h)), b = Run(Tone(hz, 0.6, (h, _) => 1.0 / h));
        for (int k = 0; k < SpectralChange.Width; k++)
            Assert.True(Math.Abs(Mean(a, k, 0.1, 0.55) - Mean(b, k, 0.1, 0.55)) < 0.15, $"feature {k}: {Mean(a, k, 0.1, 0.55):0.000} at 220 Hz, {Mean(b, k, 0.1, 0.55):0.000} at {hz:0} Hz");
    }

    [Fact]
    public void SilenceAndNonFiniteSamplesGiveFiniteNumbersAndStepDoesNotAllocate()
    {
        var change = new SpectralChange();
        var row = new float[SpectralChange.Width];
        float[] bad = new float[SpectralChange.WindowSamples];
        bad[3] = float.NaN;
        bad[9] = float.PositiveInfinity;
        change.Step(bad, row);
        Assert.All(row, v => Assert.True(float.IsFinite(v)));
        change.Step(new float[SpectralChange.WindowSamples], row);
        Assert.Equal(0, row[0]);
        Assert.Equal(0, row[1]);
        float[] tone = Tone(300, 0.05, (h, _) => 1.0 / h);
        change.Step(tone.AsSpan(0, SpectralChange.WindowSamples), row);   // warm up
        // The least of three passes (AllocationProbe): the runtime's one-off tiering work on this thread once showed
        // in a single pass (4184 bytes, 2026-12-05).
        Assert.Equal(0, AllocationProbe.LeastPerPass(() =>
        {
            for (int i = 0; i < 100; i++) change.Step(tone.AsSpan(i % 400, SpectralChange.WindowSamples), row);
        }));
    }
}
