using Audio2Midi.Engine;
using Audio2Midi.Placement;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Audio2Midi.Benchmarks;

/// <summary>
/// One engine instance streaming 60 s of sung-like audio at 48 kHz in 128-frame blocks, as a DAW would:
/// the plugin's own engine (<see cref="LiveEngine"/>) at each Latency step.
/// Real-time factor = mean time of one run / 60 s (target &lt;= 0.005 on one core); the memory
/// diagnoser's "Allocated" divided by the 22,500 blocks is bytes per block (target 0).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RealTimeFactorConfig))]
public class EngineBenchmark
{
    public const int HostRate = 48000;
    public const int Block = 128;
    public const double Seconds = 60;

    private float[] _audio = [];
    private PlacedNoteEngine _engine = null!;
    private readonly CountingSink _sink = new();

    [Params(false, true)]
    public bool PitchBend { get; set; }

    [Params(0, 30, 60, 120, 250)]
    public int LatencyMs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _audio = SungMelody.Render(Seconds, HostRate);
        _engine = LiveEngine.CreatePyin(HostRate, new Notes.NoteSettings { PitchBendEnabled = PitchBend }, LatencyMs);
    }

    [Benchmark(Description = "60 s at 48 kHz, 128-frame blocks")]
    public int Stream60Seconds()
    {
        _engine.Reset();
        _sink.Count = 0;
        ReadOnlySpan<float> audio = _audio;
        for (int i = 0; i + Block <= audio.Length; i += Block) _engine.Process(audio.Slice(i, Block), _sink);
        return _sink.Count;
    }

    private sealed class RealTimeFactorConfig : ManualConfig
    {
        public RealTimeFactorConfig()
        {
            AddColumn(new ComputedColumn("RealTimeFactor", "RealTimeFactor", "Mean run time / 60 s of audio (one core); target <= 0.005",
                (s, b) => s[b]?.ResultStatistics is { } r ? (r.Mean / 1e9 / Seconds).ToString("0.00000") : "n/a"));
            AddColumn(new ComputedColumn("BytesPerBlock", "Bytes/block", "Managed bytes allocated per 128-frame block; target 0",
                (s, b) => s[b] is { } r ? ((double)r.GcStats.GetBytesAllocatedPerOperation(b)!.Value / (HostRate * Seconds / Block)).ToString("0.###") : "n/a"));
        }
    }
}
