using BenchmarkDotNet.Running;

namespace Audio2Midi.Benchmarks;

/// <summary>
/// Runs the benchmarks: `dotnet run -c Release --project tests/Audio2Midi.Benchmarks -- --filter '*'`; with
/// `-- --preset-cost`, the per-block cost of every shipped preset (<see cref="PresetCost"/>); with
/// `-- --resampler-compare`, our resampler against NAudio's (<see cref="ResamplerComparison"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains(PresetCost.Switch)) return PresetCost.Run();
        if (args.Contains(ResamplerComparison.Switch)) return ResamplerComparison.Run();
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
