using BenchmarkDotNet.Running;

namespace Audio2Midi.Benchmarks;

/// <summary>
/// Runs the benchmarks: `dotnet run -c Release --project tests/Audio2Midi.Benchmarks -- --filter '*'`; with
/// `-- --preset-cost [NAME]`, the per-block cost of every shipped preset or those whose name contains NAME (<see cref="PresetCost"/>); with
/// `-- --resampler-compare`, our resampler against NAudio's (<see cref="ResamplerComparison"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        int cost = Array.IndexOf(args, PresetCost.Switch);
        if (cost >= 0) return PresetCost.Run(cost + 1 < args.Length && !args[cost + 1].StartsWith('-') ? args[cost + 1] : null);
        if (args.Contains(ResamplerComparison.Switch)) return ResamplerComparison.Run();
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
