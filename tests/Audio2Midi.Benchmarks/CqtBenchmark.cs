using Audio2Midi.Features;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Audio2Midi.Benchmarks;

/// <summary>
/// One <see cref="StreamingCqt"/> at the default settings (16 kHz, hop 160, 216 bins, kernels capped at 1024, or 4096)
/// streaming 60 s of sung-like audio in 128-sample blocks. Columns: frames computed per second of CPU time,
/// speed as a multiple of real time (target >= 1000 on one core) and managed bytes allocated per block (target 0).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CqtColumnsConfig))]
public class CqtBenchmark
{
    public const int Block = 128;
    public const double Seconds = 60;
    private float[] _audio = [];
    private float[] _frames = [];
    private StreamingCqt _cqt = null!;

    /// <summary>Kernel cap: 1024 is the default (32 ms latency); 4096 resolves the bottom octaves better at 128 ms.</summary>
    [Params(1024, 4096)]
    public int MaxKernel { get; set; }

    private static CqtSettings SettingsOf(BenchmarkCase b) => new() { MaxKernelSamples = (int)b.Parameters["MaxKernel"] };

    [GlobalSetup]
    public void Setup()
    {
        var settings = new CqtSettings { MaxKernelSamples = MaxKernel };
        _audio = SungMelody.Render(Seconds, settings.SampleRate);
        _cqt = new StreamingCqt(settings);
        _frames = new float[_cqt.MaxFrames(Block) * _cqt.BinCount];
    }

    [Benchmark(Description = "60 s at 16 kHz, 128-sample blocks")]
    public long Stream60Seconds()
    {
        _cqt.Reset();
        ReadOnlySpan<float> audio = _audio;
        long frames = 0;
        for (int i = 0; i + Block <= audio.Length; i += Block) frames += _cqt.Process(audio.Slice(i, Block), _frames);
        return frames;
    }

    private static double FramesPerRun(CqtSettings s) => Math.Floor((Seconds * s.SampleRate - s.LatencySamples) / s.HopSamples) + 1;

    private sealed class CqtColumnsConfig : ManualConfig
    {
        public CqtColumnsConfig()
        {
            AddColumn(new ComputedColumn("FramesPerSecond", "Frames/s", "CQT frames computed per second of CPU time",
                (s, b) => s[b]?.ResultStatistics is { } r ? (FramesPerRun(SettingsOf(b)) / (r.Mean / 1e9)).ToString("0") : "n/a"));
            AddColumn(new ComputedColumn("RealTime", "xRealTime", "Seconds of audio per second of CPU time; target >= 1000",
                (s, b) => s[b]?.ResultStatistics is { } r ? (Seconds / (r.Mean / 1e9)).ToString("0") : "n/a"));
            AddColumn(new ComputedColumn("BytesPerBlock", "Bytes/block", "Managed bytes allocated per 128-sample block; target 0",
                (s, b) => s[b] is { } r ? ((double)r.GcStats.GetBytesAllocatedPerOperation(b)!.Value / (Seconds * SettingsOf(b).SampleRate / Block)).ToString("0.###") : "n/a"));
        }
    }
}
