using Audio2Midi.Engine;
using Audio2Midi.Models;
using Audio2Midi.Placement;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;

namespace Audio2Midi.Benchmarks;

/// <summary>
/// The model engine with the trained live test model (tests/models/live-hust-tuned.onnx, the default) in ONNX Runtime, one instance
/// streaming 60 s of sung-like audio at 48 kHz in 128-frame blocks, at a Latency step. Real-time factor = mean run
/// time / 60 s (the plugin's target is <= 0.02); "Allocated" / 22,500 blocks = managed bytes per block.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class ModelEngineBenchmark
{
    private float[] _audio = [];
    private ModelPreset _preset = null!;
    private PlacedNoteEngine _engine = null!;
    private readonly CountingSink _sink = new();

    [Params(0, 60)]
    public int LatencyMs { get; set; }

    /// <summary>The repository's trained live model, found from the working directory upwards.</summary>
    public static string ModelPath()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "models", "live-hust-tuned.onnx");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("tests/models/live-hust-tuned.onnx not found above the working directory; run the benchmark from the repository");
    }

    [GlobalSetup]
    public void Setup()
    {
        _audio = SungMelody.Render(EngineBenchmark.Seconds, EngineBenchmark.HostRate);
        _preset = ModelPreset.Load(ModelPath());
        _engine = LiveEngine.CreateModel(EngineBenchmark.HostRate, _preset, new Notes.NoteSettings(), LatencyMs);
    }

    [GlobalCleanup]
    public void Cleanup() => _preset.Dispose();

    [Benchmark(Description = "model engine, 60 s at 48 kHz, 128-frame blocks")]
    public int Stream60Seconds()
    {
        _engine.Reset();
        _sink.Count = 0;
        ReadOnlySpan<float> audio = _audio;
        for (int i = 0; i + EngineBenchmark.Block <= audio.Length; i += EngineBenchmark.Block) _engine.Process(audio.Slice(i, EngineBenchmark.Block), _sink);
        return _sink.Count;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new ComputedColumn("RealTimeFactor", "RealTimeFactor", "Mean run time / 60 s of audio (one core); plugin target <= 0.02",
                (s, b) => s[b]?.ResultStatistics is { } r ? (r.Mean / 1e9 / EngineBenchmark.Seconds).ToString("0.00000") : "n/a"));
            AddColumn(new ComputedColumn("BytesPerBlock", "Bytes/block", "Managed bytes allocated per 128-frame block; target 0",
                (s, b) => s[b] is { } r ? ((double)r.GcStats.GetBytesAllocatedPerOperation(b)!.Value / (EngineBenchmark.HostRate * EngineBenchmark.Seconds / EngineBenchmark.Block)).ToString("0.###") : "n/a"));
        }
    }
}
