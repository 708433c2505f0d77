using System.Diagnostics;
using System.Globalization;
using Audio2Midi.TestCommon;
using Audio2Midi.Engine;
using Audio2Midi.Notes;
using Audio2Midi.Placement;
using Audio2Midi.Presets;

namespace Audio2Midi.Benchmarks;

/// <summary>
/// A measured command (`dotnet run -c Release --project tests/Audio2Midi.Benchmarks -- --preset-cost`): every
/// shipped preset at every Latency step, one instance streaming 60 s of sung-like audio at 48 kHz in 128-frame
/// blocks through the engines the plugin runs (<see cref="PresetEngineSet"/>). Prints per preset and step the
/// real-time factor (the audio thread's CPU time plus a windowed model's worker time, / 60 s; target <= 0.02) and the per-block median, p99, p99.9 and max against the
/// 2.67 ms budget (target p99.9 < 10 %), on the wall clock and on the thread's own CPU clock (Linux), which a busy
/// machine's preemption does not inflate. Windowed presets run as in the plugin, their model on a worker thread,
/// with the blocks fed at real-time pace (60 s each). Writes the table to training/figures/preset-cost.txt.
/// </summary>
public static class PresetCost
{
    public const string Switch = "--preset-cost";

    /// <param name="only">Measure only the presets whose name contains this (case-insensitive); null = all.</param>
    public static int Run(string? only = null)
    {
        string root = RepositoryRoot();
        var catalog = new PresetCatalog(Path.Combine(root, PresetFolders.RepositoryRelative), null);
        float[] audio = SungMelody.Render(EngineBenchmark.Seconds, EngineBenchmark.HostRate);
        const int block = EngineBenchmark.Block;
        double budgetUs = 1e6 * block / EngineBenchmark.HostRate;
        var lines = new List<string>
        {
            $"# preset cost: one instance, {EngineBenchmark.Seconds} s of sung-like audio at {EngineBenchmark.HostRate} Hz in {block}-frame blocks; budget {budgetUs:0} us per block; " +
            $"{Environment.ProcessorCount} cores, load average {MachineClock.LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC",
            "| preset | step | real-time factor | wall median / p99 / p99.9 / max (us) | thread CPU median / p99 / p99.9 / max (us) | p99.9 CPU / budget | bytes per block |",
            "|---|---|---|---|---|---|---|",
        };
        Console.WriteLine(string.Join(Environment.NewLine, lines));
        foreach (PresetEntry entry in catalog.Entries.Where(e => only is null || e.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            using PresetEngineSet set = PresetEngineSet.Load(entry, EngineBenchmark.HostRate, new NoteSettings(), backgroundWindows: true);
            // Every step warmed up before any is measured: the steps share code, and with one short warm-up each the step
            // measured first still paid for the runtime's tiering (its p99.9 1.5-2.5x the others', whichever step it was).
            for (int s = 0; s < set.StepCount; s++)
            {
                Stream(set.At(s), audio[..(audio.Length / 3)], block, new CountingSink(), null, null, paced: !entry.Live);
                set.At(s).Reset();
            }
            for (int s = 0; s < set.StepCount; s++)
            {
                INoteEngine engine = set.At(s);
                var sink = new CountingSink();
                // Warm-up pass (first runs of ONNX Runtime are slow), then the measured one.
                Stream(engine, audio[..(audio.Length / 10)], block, sink, null, null, paced: !entry.Live);
                engine.Reset();
                int blocks = audio.Length / block;
                var wall = new long[blocks];
                var cpu = new long[blocks];
                var sliding = set.Model?.FrameModel as Models.SlidingWindowModel;
                double workerBefore = sliding?.WorkerSeconds ?? 0;
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                Stream(engine, audio, block, sink, wall, cpu, paced: !entry.Live);
                double bytesPerBlock = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)blocks;
                // The audio thread's own CPU time, plus the worker thread's time in its runs (windowed presets).
                double audioThread = OperatingSystem.IsLinux() ? cpu.Sum() / 1e9 : (double)wall.Sum() / Stopwatch.Frequency;
                double seconds = audioThread + (sliding?.WorkerSeconds ?? 0) - workerBefore;
                int late = set.Model?.FrameModel.LateRuns ?? 0;
                if (sliding is not null) Console.WriteLine($"  worker: {sliding.MeanRunMilliseconds:0.00} ms per run over {sliding.WindowFrames} frames");
                engine.Reset();
                Array.Sort(wall);
                Array.Sort(cpu);
                double W(double q) => wall[Math.Min(blocks - 1, (int)(q * blocks))] * 1e6 / Stopwatch.Frequency;
                double C(double q) => cpu[Math.Min(blocks - 1, (int)(q * blocks))] / 1e3;
                string line = string.Create(CultureInfo.InvariantCulture,
                    $"| {entry.Name} | {LatencySteps.Name(LatencySteps.Milliseconds[s])} | {seconds / EngineBenchmark.Seconds:0.0000}{(late > 0 ? $" ({late} late runs)" : "")} | " +
                    $"{W(0.5):0.0} / {W(0.99):0.0} / {W(0.999):0.0} / {W(1):0.0} | {C(0.5):0.0} / {C(0.99):0.0} / {C(0.999):0.0} / {C(1):0.0} | {C(0.999) / budgetUs:P1} | {bytesPerBlock:0.#} |");
                Console.WriteLine(line);
                lines.Add(line);
            }
        }
        string output = Path.Combine(root, "training", "figures", only is null ? "preset-cost.txt"
            : $"preset-cost-{new string(only.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray())}.txt");
        File.WriteAllLines(output, lines);
        Console.WriteLine($"wrote {output}");
        return 0;
    }

    /// <param name="paced">Blocks at their real-time pace (a windowed model's worker thread needs the time a hop takes).</param>
    private static void Stream(INoteEngine engine, ReadOnlySpan<float> audio, int block, CountingSink sink, long[]? wall, long[]? cpu, bool paced)
    {
        long begin = Stopwatch.GetTimestamp();
        for (int i = 0, b = 0; i + block <= audio.Length; i += block, b++)
        {
            if (paced)
                while ((double)(Stopwatch.GetTimestamp() - begin) / Stopwatch.Frequency < (double)i / EngineBenchmark.HostRate) Thread.Sleep(1);
            long c0 = wall is null ? 0 : MachineClock.ThreadCpuNanoseconds();
            long t0 = Stopwatch.GetTimestamp();
            engine.Process(audio.Slice(i, block), sink);
            if (wall is null) continue;
            wall[b] = Stopwatch.GetTimestamp() - t0;
            cpu![b] = MachineClock.ThreadCpuNanoseconds() - c0;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Audio2Midi.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("run the preset cost from inside the repository (no Audio2Midi.sln above the working directory)");
    }
}
