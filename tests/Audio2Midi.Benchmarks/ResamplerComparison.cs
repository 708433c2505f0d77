using System.Diagnostics;
using Audio2Midi.Dsp;
using NAudio.Dsp;

namespace Audio2Midi.Benchmarks;

/// <summary>
/// Measures the engine's resampler against NAudio's WdlResampler on what the audio thread needs from
/// one: stop-band attenuation (what aliases into the pitch range), pass-band flatness, the latency it
/// adds in a stream, the bytes it allocates per block, and its CPU cost. The measured command behind
/// the decision to keep our own (README, "Audio and MIDI files", and docs/files.md).
/// `dotnet run -c Release --project tests/Audio2Midi.Benchmarks -- --resampler-compare`
/// </summary>
public static class ResamplerComparison
{
    public const string Switch = "--resampler-compare";

    private const int OutRate = 16000;
    private const int Block = 128;

    /// <summary>Pushes mono input a block at a time; returns the outputs and, for each, the input count when it came out.</summary>
    private interface IStream
    {
        string Name { get; }
        int Push(ReadOnlySpan<float> input, Span<float> output);
    }

    private sealed class Ours(int inRate) : IStream
    {
        private readonly StreamingResampler _r = new(inRate, OutRate, Block);
        public string Name => "Audio2Midi StreamingResampler (Kaiser sinc, 100 dB design)";
        public int Push(ReadOnlySpan<float> input, Span<float> output) => _r.Process(input, output);
    }

    private sealed class Wdl : IStream
    {
        private readonly WdlResampler _r = new();
        public string Name { get; }

        public Wdl(int inRate, bool sinc, int sincSize)
        {
            Name = sinc ? $"NAudio WdlResampler, sinc {sincSize} taps" : "NAudio WdlResampler, as WdlResamplingSampleProvider sets it";
            if (sinc)
                _r.SetMode(true, 0, true, sincSize, 32);
            else
                _r.SetMode(true, 2, false);
            _r.SetFilterParms();
            _r.SetFeedMode(true);   // input-driven, as an audio callback is
            _r.SetRates(inRate, OutRate);
        }

        public int Push(ReadOnlySpan<float> input, Span<float> output)
        {
            int want = _r.ResamplePrepare(input.Length, 1, out Span<float> buffer);
            input[..want].CopyTo(buffer);
            return _r.ResampleOut(output, want, output.Length, 1);
        }
    }

    /// <summary>Each measurement needs a fresh resampler (no state carried over), so these make one per call.</summary>
    private static readonly Func<int, IStream>[] Candidates =
    [
        rate => new Ours(rate),
        rate => new Wdl(rate, sinc: false, 0),
        rate => new Wdl(rate, sinc: true, 64),
        rate => new Wdl(rate, sinc: true, 256),
    ];

    public static int Run()
    {
        Console.WriteLine($"Resamplers to {OutRate} Hz, mono, pushed {Block} samples at a time.");
        Console.WriteLine("stop band: worst level of a full-scale tone from 8.4 kHz up to the input's Nyquist; pass band: worst deviation 100 Hz..7 kHz;");
        Console.WriteLine("latency: from an impulse entering to the peak of its response coming out; alloc: bytes per block after warm-up.");
        Console.WriteLine();
        Console.WriteLine("| input | resampler | stop band | pass band | latency | alloc/block | CPU per s of audio |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (int inRate in new[] { 48000, 44100 })
        {
            foreach (Func<int, IStream> candidate in Candidates)
            {
                IStream make() => candidate(inRate);
                string name = make().Name;
                double stop = double.MinValue;
                for (double f = 8400; f < inRate / 2.0 - 200; f += 300)
                    stop = Math.Max(stop, ToneLevelDb(make(), inRate, f));
                double pass = 0;
                for (double f = 100; f <= 7000; f += 100)
                    pass = Math.Max(pass, Math.Abs(ToneLevelDb(make(), inRate, f)));
                double latency = LatencyMs(make(), inRate);
                (long alloc, double cpu) = Cost(make(), inRate);
                Console.WriteLine($"| {inRate} | {name} | {stop:0.0} dB | ±{pass:0.00} dB | {latency:0.00} ms | {alloc} B | {cpu:0.00} ms |");
            }
        }
        return 0;
    }

    /// <summary>Output level of a steady full-scale sine, in dB against the input's, after the filter has settled.</summary>
    private static double ToneLevelDb(IStream s, int inRate, double hz)
    {
        int n = inRate;   // 1 s
        var input = new float[n];
        for (int i = 0; i < n; i++)
            input[i] = (float)Math.Sin(2 * Math.PI * hz * i / inRate);
        float[] y = PushAll(s, input, out _);
        // RMS over the middle half: past the start-up transient and before the end.
        int from = y.Length / 4, to = 3 * y.Length / 4;
        double sum = 0;
        for (int i = from; i < to; i++)
            sum += y[i] * (double)y[i];
        double rms = Math.Sqrt(sum / (to - from));
        return 20 * Math.Log10(Math.Max(rms, 1e-12) / Math.Sqrt(0.5));
    }

    private static double LatencyMs(IStream s, int inRate)
    {
        int n = inRate / 2, at = inRate / 4;
        var input = new float[n];
        input[at] = 1;
        float[] y = PushAll(s, input, out long[] emittedAt);
        int peak = 0;
        for (int i = 1; i < y.Length; i++)
            if (Math.Abs(y[i]) > Math.Abs(y[peak]))
                peak = i;
        return (emittedAt[peak] - at) * 1000.0 / inRate;
    }

    private static float[] PushAll(IStream s, float[] input, out long[] emittedAt)
    {
        var y = new List<float>();
        var when = new List<long>();
        var output = new float[Block * 4];
        for (int i = 0; i < input.Length; i += Block)
        {
            int len = Math.Min(Block, input.Length - i);
            int got = s.Push(input.AsSpan(i, len), output);
            for (int k = 0; k < got; k++)
            {
                y.Add(output[k]);
                when.Add(i + len);
            }
        }
        emittedAt = [.. when];
        return [.. y];
    }

    private static (long AllocPerBlock, double CpuMsPerSecond) Cost(IStream s, int inRate)
    {
        var input = new float[Block];
        var output = new float[Block * 4];
        var rng = new Random(1);
        for (int i = 0; i < Block; i++)
            input[i] = (float)(rng.NextDouble() - 0.5);
        for (int i = 0; i < 1000; i++)
            s.Push(input, output);
        const int blocks = 20000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < blocks; i++)
            s.Push(input, output);
        clock.Stop();
        long alloc = (GC.GetAllocatedBytesForCurrentThread() - before) / blocks;
        double seconds = blocks * (double)Block / inRate;
        return (alloc, clock.Elapsed.TotalMilliseconds / seconds);
    }
}
