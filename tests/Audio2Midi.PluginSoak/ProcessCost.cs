using System.Diagnostics;
using Audio2Midi.Plugin.Tests;
using Audio2Midi.Plugin.Tests.Host;
using Audio2Midi.TestCommon;

namespace Audio2Midi.PluginSoak;

/// <summary>
/// Cost of one process call of 128 frames at 48 kHz (budget 2.67 ms) through the published native bundle, over S
/// seconds of sung-like audio on the default preset (or one named). Two clocks: wall time (includes whatever preempts
/// the thread on a busy machine) and, on Linux, the thread's own CPU time (what process itself costs). A measured
/// command, not a test: the figures depend on the machine and its load (was a timed test in the plugin tests).
/// </summary>
internal static unsafe class ProcessCost
{
    private const int Rate = 48000, Block = 128;

    public static int Run(double seconds, string? preset)
    {
        double budgetMs = 1000.0 * Block / Rate;
        float[] voice = Signals.Melody(Rate, 55, 57, 59, 60, 62, 64, 66, 67, 69, 71);
        int blocks = (int)(seconds * Rate / Block);
        if (blocks < 1000) throw new ArgumentException($"process-cost: {seconds} s is too short for a p99.9 (at least {1000 * Block / (double)Rate:0.#} s)");
        using var p = new PluginInstance();
        p.Start(Rate, preset: preset);
        var events = new HostEventRecorder();
        var wall = new long[blocks];
        var cpu = new long[blocks];
        bool linux = OperatingSystem.IsLinux();
        int position = 0;
        for (int i = -500; i < blocks; i++)   // 500 blocks of warm-up, not counted
        {
            if (position + Block > voice.Length) position = 0;
            voice.AsSpan(position, Block).CopyTo(p.Input(0));
            position += Block;
            events.Clear();
            long c0 = linux ? MachineClock.ThreadCpuNanoseconds() : 0;
            long t0 = Stopwatch.GetTimestamp();
            p.Process(Block, null, events);
            long t1 = Stopwatch.GetTimestamp();
            long c1 = linux ? MachineClock.ThreadCpuNanoseconds() : 0;
            if (i < 0) continue;
            wall[i] = t1 - t0;
            cpu[i] = c1 - c0;
        }
        Array.Sort(wall);
        Array.Sort(cpu);
        double WallUs(double q) => wall[Math.Min(blocks - 1, (int)(q * blocks))] * 1e6 / Stopwatch.Frequency;
        double CpuUs(double q) => cpu[Math.Min(blocks - 1, (int)(q * blocks))] / 1e3;
        Console.WriteLine($"# process, {Block} frames @ {Rate} Hz, {blocks} blocks ({seconds:0} s) of sung-like audio through the native bundle, " +
                          $"preset {preset ?? "the default"} (status {p.Status}); budget {budgetMs * 1000:F0} us; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
                          $"{Environment.ProcessorCount} cores, load average {MachineClock.LoadAverage()}");
        Console.WriteLine($"wall: median {WallUs(0.5):F1} us, p99 {WallUs(0.99):F1} us, p99.9 {WallUs(0.999):F1} us, max {WallUs(1):F1} us");
        if (linux)
            Console.WriteLine($"thread CPU: median {CpuUs(0.5):F1} us, p99 {CpuUs(0.99):F1} us, p99.9 {CpuUs(0.999):F1} us, max {CpuUs(1):F1} us");
        double worst = linux ? CpuUs(0.999) : WallUs(0.99);
        bool ok = worst < budgetMs * 1000;
        Console.WriteLine(ok ? $"within the budget ({(linux ? "CPU p99.9" : "wall p99")} {worst / (budgetMs * 10):F1} % of it)" : "OVER THE BUDGET");
        return ok ? 0 : 1;
    }
}
