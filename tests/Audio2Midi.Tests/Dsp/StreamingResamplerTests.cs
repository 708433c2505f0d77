using Audio2Midi.Dsp;
using Xunit.Abstractions;

namespace Audio2Midi.Tests.Dsp;

public sealed class StreamingResamplerTests
{
    private readonly ITestOutputHelper _log;

    public StreamingResamplerTests(ITestOutputHelper log) => _log = log;

    public static TheoryData<double, double> RatePairs => new()
    {
        { 44100, 16000 },
        { 48000, 16000 },
        { 22050, 16000 },
        { 192000, 16000 },
        { 16000, 16000 },
        { 8000, 16000 },
        { 44100.5, 16000 },   // non-integer rate: the double path
        { 96000, 44100 },
    };

    public static TheoryData<double, double> DownsamplingPairs => new()
    {
        { 44100, 16000 },
        { 48000, 16000 },
        { 22050, 16000 },
        { 192000, 16000 },
        { 44100.5, 16000 },
        { 96000, 44100 },
    };

    // ---------- helpers ----------

    private static float[] Sine(double freq, double rate, int n, double amp = 1.0)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++)
            x[i] = (float)(amp * Math.Sin(2 * Math.PI * freq * i / rate));
        return x;
    }

    private static float[] Noise(int n, int seed)
    {
        var rng = new Random(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++)
            x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }

    /// <summary>Feeds input in blocks whose sizes come from <paramref name="nextBlock"/>; returns all outputs.</summary>
    private static float[] Run(StreamingResampler rs, float[] input, Func<int> nextBlock)
    {
        var outAll = new List<float>();
        int pos = 0;
        while (pos < input.Length)
        {
            int n = Math.Min(nextBlock(), input.Length - pos);
            var o = new float[rs.MaxOutputCount(n)];
            int w = rs.Process(input.AsSpan(pos, n), o);
            Assert.InRange(w, 0, o.Length);
            outAll.AddRange(o.AsSpan(0, w).ToArray());
            pos += n;
        }
        return outAll.ToArray();
    }

    private static float[] Run(StreamingResampler rs, float[] input, int block) => Run(rs, input, () => block);

    /// <summary>Count of k with ceil(k * in / out + L) &lt;= n, by brute force over exact rationals (or doubles).</summary>
    private static long ExpectedCount(double inRate, double outRate, int halfLength, long n)
    {
        if (inRate == outRate)
            return n;
        long count = 0;
        bool integral = inRate == Math.Floor(inRate) && outRate == Math.Floor(outRate);
        for (long k = 0; ; k++)
        {
            long ceilT = integral
                ? (k * (long)inRate + (long)outRate - 1) / (long)outRate
                : (long)Math.Ceiling(k * (inRate / outRate));
            if (ceilT + halfLength > n)
                return count;
            count++;
        }
    }

    private static double Db(double ratio) => 20 * Math.Log10(ratio);

    private static double Rms(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (float v in x)
            s += (double)v * v;
        return Math.Sqrt(s / x.Length);
    }

    // ---------- (a) pass band ----------

    [Theory]
    [MemberData(nameof(RatePairs))]
    public void PassbandSine_MatchesAnalyticSineAtTk(double inRate, double outRate)
    {
        double minRate = Math.Min(inRate, outRate);
        foreach (double rel in new[] { 0.05, 0.3, 0.44 })
        {
            double f = rel * minRate;
            int n = (int)inRate; // one second
            var rs = new StreamingResampler(inRate, outRate);
            float[] y = Run(rs, Sine(f, inRate, n), 1000);
            double L = rs.DelayInputSamples;
            double r = inRate / outRate;
            double err = 0, sig = 0;
            int used = 0;
            for (int k = 0; k < y.Length; k++)
            {
                double tk = k * r;
                if (tk - L < 0) continue; // start-up transient: taps still see the zeros before the start
                double refv = Math.Sin(2 * Math.PI * f * tk / inRate);
                err += (y[k] - refv) * (y[k] - refv);
                sig += refv * refv;
                used++;
            }
            Assert.True(used > outRate / 2, $"only {used} steady-state samples");
            double errDb = 10 * Math.Log10(Math.Max(err, 1e-300) / sig);
            _log.WriteLine($"{inRate}->{outRate}: sine {f} Hz ({rel} x min rate): error {errDb:F1} dB");
            Assert.True(errDb < -60, $"{inRate}->{outRate} f={f}: error {errDb:F1} dB");
            if (rel <= 0.3)
                Assert.True(errDb < -80, $"{inRate}->{outRate} f={f}: error {errDb:F1} dB (expected well below -80)");
        }
    }

    // ---------- the pitch engine's shorter filter (pass band 0.4, 90 dB design) ----------

    [Theory]
    [InlineData(48000, 16000)]
    [InlineData(44100, 16000)]
    [InlineData(96000, 16000)]
    [InlineData(22050, 16000)]
    public void EngineFilter_KeepsPassBandAndStopsAbove80Db(double inRate, double outRate)
    {
        var wide = new StreamingResampler(inRate, outRate);
        var engine = new StreamingResampler(inRate, outRate, 8192, passband: 0.4, attenuationDb: 90);
        Assert.True(engine.DelayInputSamples < 0.6 * wide.DelayInputSamples, $"delay {engine.DelayInputSamples} vs {wide.DelayInputSamples}");
        int n = (int)inRate;
        foreach (double rel in new[] { 0.05, 0.2, 0.38 })
        {
            double f = rel * outRate;
            var rs = new StreamingResampler(inRate, outRate, 8192, passband: 0.4, attenuationDb: 90);
            float[] y = Run(rs, Sine(f, inRate, n), 777);
            double r = inRate / outRate, err = 0, sig = 0;
            for (int k = 0; k < y.Length; k++)
            {
                double tk = k * r;
                if (tk - rs.DelayInputSamples < 0) continue;
                double refv = Math.Sin(2 * Math.PI * f * tk / inRate);
                err += (y[k] - refv) * (y[k] - refv);
                sig += refv * refv;
            }
            double errDb = 10 * Math.Log10(Math.Max(err, 1e-300) / sig);
            _log.WriteLine($"engine filter {inRate}->{outRate}: pass-band sine {f} Hz error {errDb:F1} dB");
            Assert.True(errDb < -60, $"pass band {f} Hz: error {errDb:F1} dB");
        }
        foreach (double rel in new[] { 0.502, 0.55, 0.75, 1.0, 1.7, 2.5 })
        {
            double f = rel * outRate;
            if (f > 0.49 * inRate) continue;
            var rs = new StreamingResampler(inRate, outRate, 8192, passband: 0.4, attenuationDb: 90);
            float[] x = Sine(f, inRate, n);
            float[] y = Run(rs, x, 512);
            int skip = (int)Math.Ceiling(2 * rs.DelayInputSamples * outRate / inRate) + 1;
            double atten = Db(Rms(x) / Math.Max(Rms(y.AsSpan(skip)), 1e-30));
            _log.WriteLine($"engine filter {inRate}->{outRate}: stop-band sine {f} Hz attenuation {atten:F1} dB");
            Assert.True(atten >= 80, $"stop band {f} Hz: only {atten:F1} dB");
        }
    }

    // ---------- (b) stop band ----------

    [Theory]
    [MemberData(nameof(DownsamplingPairs))]
    public void StopbandSines_AttenuatedBy80Db(double inRate, double outRate)
    {
        double worst = double.PositiveInfinity;
        foreach (double rel in new[] { 0.502, 0.51, 0.55, 0.62, 0.75, 0.9, 1.0, 1.2, 1.7, 2.5, 4.0, 5.5 })
        {
            double f = rel * outRate;
            if (f > 0.49 * inRate) continue;
            int n = (int)inRate;
            var rs = new StreamingResampler(inRate, outRate);
            float[] x = Sine(f, inRate, n);
            float[] y = Run(rs, x, 512);
            int skip = (int)Math.Ceiling(2 * rs.DelayInputSamples * outRate / inRate) + 1; // past the transient
            double atten = Db(Rms(x) / Math.Max(Rms(y.AsSpan(skip)), 1e-30));
            _log.WriteLine($"{inRate}->{outRate}: sine {f} Hz ({rel} x out rate): attenuation {atten:F1} dB");
            if (rel >= 0.5) // the stop band starts at 0.5 x min rate
                worst = Math.Min(worst, atten);
            Assert.True(atten >= 80, $"{inRate}->{outRate} f={f}: only {atten:F1} dB");
        }
        _log.WriteLine($"{inRate}->{outRate}: worst stop-band attenuation {worst:F1} dB");
    }

    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(22050, 44100)]
    public void Upsampling_ImagesBelow80Db(double inRate, double outRate)
    {
        // Upsampling: the stop band is the images of the input spectrum above the input Nyquist. The residual
        // against the analytic sine bounds them (and the pass-band error) together.
        foreach (double rel in new[] { 0.1, 0.3, 0.4 })
        {
            double f = rel * inRate;
            var rs = new StreamingResampler(inRate, outRate);
            float[] y = Run(rs, Sine(f, inRate, (int)inRate), 333);
            double r = inRate / outRate, L = rs.DelayInputSamples;
            double err = 0, sig = 0;
            for (int k = 0; k < y.Length; k++)
            {
                double tk = k * r;
                if (tk - L < 0) continue;
                double refv = Math.Sin(2 * Math.PI * f * tk / inRate);
                err += (y[k] - refv) * (y[k] - refv);
                sig += refv * refv;
            }
            double db = 10 * Math.Log10(err / sig);
            _log.WriteLine($"{inRate}->{outRate}: sine {f} Hz: residual (images + pass-band error) {db:F1} dB");
            Assert.True(db < -80, $"{inRate}->{outRate} f={f}: residual {db:F1} dB");
        }
    }

    // ---------- (c) block-partition independence ----------

    [Theory]
    [MemberData(nameof(RatePairs))]
    public void Output_IsIdenticalForAnyBlockPartition(double inRate, double outRate)
    {
        float[] x = Noise(30000, 7);
        for (int i = 0; i < x.Length; i++)
            x[i] = 0.5f * x[i] + (float)(0.5 * Math.Sin(0.01 * i));

        float[] reference = Run(new StreamingResampler(inRate, outRate), x, x.Length);
        Assert.True(reference.Length > 0);
        foreach (int block in new[] { 1, 17, 128, 4096 })
            Assert.Equal(reference, Run(new StreamingResampler(inRate, outRate), x, block));

        var rng = new Random(123);
        Assert.Equal(reference, Run(new StreamingResampler(inRate, outRate), x, () => rng.Next(0, 5000)));
        // Small internal maxBlock: big calls are split internally.
        Assert.Equal(reference, Run(new StreamingResampler(inRate, outRate, maxBlock: 100), x, 4096));
        Assert.Equal(reference, Run(new StreamingResampler(inRate, outRate, maxBlock: 1), x, 333));
    }

    // ---------- (d) counts ----------

    [Theory]
    [MemberData(nameof(RatePairs))]
    public void Counts_FollowTheTimingContract(double inRate, double outRate)
    {
        var rs = new StreamingResampler(inRate, outRate);
        int L = (int)rs.DelayInputSamples;
        Assert.Equal(inRate == outRate ? 0.0 : L, rs.DelayInputSamples);
        var rng = new Random(5);
        float[] x = Noise(50000, 3);
        long n = 0, total = 0;
        var o = new float[rs.MaxOutputCount(4000)];
        while (n < x.Length)
        {
            int b = Math.Min(rng.Next(0, 4000), x.Length - (int)n);
            int w = rs.Process(x.AsSpan((int)n, b), o);
            Assert.True(w <= rs.MaxOutputCount(b));
            n += b;
            total += w;
            Assert.Equal(n, rs.InputSamplesConsumed);
            Assert.Equal(total, rs.OutputSamplesProduced);
            long expected = ExpectedCount(inRate, outRate, L, n);
            Assert.Equal(expected, rs.OutputSamplesProduced);
            double nominal = (n - rs.DelayInputSamples) * outRate / inRate;
            if (n >= L)
                Assert.InRange(rs.OutputSamplesProduced, nominal - 1, nominal + 1);
            else
                Assert.Equal(0, rs.OutputSamplesProduced);
        }
    }

    [Theory]
    [MemberData(nameof(RatePairs))]
    public void MaxOutputCount_BoundsEveryCall(double inRate, double outRate)
    {
        foreach (int b in new[] { 1, 2, 3, 7, 64, 100, 441, 512 })
        {
            var rs = new StreamingResampler(inRate, outRate);
            var o = new float[rs.MaxOutputCount(b)];
            var x = new float[b];
            int max = 0;
            for (int i = 0; i < 3000; i++)
                max = Math.Max(max, rs.Process(x, o));
            Assert.True(max <= rs.MaxOutputCount(b));
            Assert.True(rs.MaxOutputCount(b) <= max + 2, $"bound {rs.MaxOutputCount(b)} vs seen {max}");
        }
        Assert.Equal(0, new StreamingResampler(inRate, outRate).MaxOutputCount(0));
    }

    [Fact]
    public void TooSmallOutput_ThrowsWithoutTouchingState()
    {
        var rs = new StreamingResampler(48000, 16000);
        var x = Noise(3000, 1);
        var big = new float[rs.MaxOutputCount(3000)];
        int needed = new StreamingResampler(48000, 16000).Process(x, big);
        Assert.True(needed > 0);
        Assert.Throws<ArgumentException>(() => rs.Process(x, new float[needed - 1]));
        Assert.Equal(0, rs.InputSamplesConsumed);
        Assert.Equal(0, rs.OutputSamplesProduced);
        // An exactly-sized output is enough.
        var exact = new float[needed];
        Assert.Equal(needed, rs.Process(x, exact));
        Assert.Equal(big.AsSpan(0, needed).ToArray(), exact);

        var bypass = new StreamingResampler(16000, 16000);
        Assert.Throws<ArgumentException>(() => bypass.Process(x, new float[10]));
        Assert.Equal(0, bypass.InputSamplesConsumed);
    }

    // ---------- (e) no allocation ----------

    [Theory]
    [MemberData(nameof(RatePairs))]
    public void Process_DoesNotAllocate(double inRate, double outRate)
    {
        var rs = new StreamingResampler(inRate, outRate, maxBlock: 256);
        float[] x = Noise(4096, 9);
        x[100] = float.NaN;
        x[200] = float.PositiveInfinity;
        var o = new float[rs.MaxOutputCount(x.Length)];
        int[] sizes = new int[64];
        var rng = new Random(2);
        for (int i = 0; i < sizes.Length; i++)
            sizes[i] = rng.Next(0, 700); // includes sizes above maxBlock (internal split)

        for (int i = 0; i < 2000; i++) // warm-up (JIT tiers)
            rs.Process(x.AsSpan(0, sizes[i & 63]), o);
        rs.Reset();

        long allocated = AllocationProbe.LeastPerPass(() =>
        {
            for (int i = 0; i < 10_000; i++)
                rs.Process(x.AsSpan(i & 1023, sizes[i & 63]), o);
            rs.Reset();
        });
        Assert.Equal(0, allocated);
    }

    // ---------- (f) reset, NaN ----------

    [Theory]
    [MemberData(nameof(RatePairs))]
    public void Reset_ReproducesAFreshInstance(double inRate, double outRate)
    {
        float[] x = Noise(20000, 11);
        float[] fresh = Run(new StreamingResampler(inRate, outRate), x, 256);

        var rs = new StreamingResampler(inRate, outRate);
        float[] junk = Noise(12345, 12);
        junk[77] = float.NaN;
        junk[12000] = float.NegativeInfinity;
        Run(rs, junk, 1000);
        rs.Reset();
        Assert.Equal(0, rs.InputSamplesConsumed);
        Assert.Equal(0, rs.OutputSamplesProduced);
        Assert.Equal(fresh, Run(rs, x, 256));
    }

    [Theory]
    [MemberData(nameof(RatePairs))]
    public void NonFiniteInput_NeverReachesOutput(double inRate, double outRate)
    {
        var rs = new StreamingResampler(inRate, outRate);
        float[] x = Noise(20000, 13);
        for (int i = 0; i < x.Length; i += 997)
            x[i] = (i / 997 % 3) switch { 0 => float.NaN, 1 => float.PositiveInfinity, _ => 1e-40f };
        float[] y = Run(rs, x, 64);
        Assert.All(y, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Bypass_CopiesWithZeroDelay()
    {
        var rs = new StreamingResampler(16000, 16000);
        Assert.Equal(0.0, rs.DelayInputSamples);
        float[] x = Noise(1000, 4);
        Assert.Equal(x, Run(rs, x, 17));
    }

    [Theory]
    [InlineData(0.0, 16000.0)]
    [InlineData(double.NaN, 16000.0)]
    [InlineData(48000.0, -1.0)]
    public void Constructor_RejectsBadRates(double inRate, double outRate)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingResampler(inRate, outRate));
}
