using BenchmarkDotNet.Running;

namespace Audio2Midi.Benchmarks;

/// <summary>Runs the benchmarks: `dotnet run -c Release --project tests/Audio2Midi.Benchmarks -- --filter '*'`.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
