using Audio2Midi.Notes;

namespace Audio2Midi.Tests.Notes;

/// <summary>The median that names a note: equal to the sorted reference for odd and even lengths, ties and runs, without allocating.</summary>
public sealed class F0MedianTests
{
    [Fact]
    public void EqualsTheSortedMedianOnRandomStretches()
    {
        var rng = new Random(5);
        for (int trial = 0; trial < 2000; trial++)
        {
            int n = 1 + rng.Next(300);
            var values = new double[n];
            for (int i = 0; i < n; i++)
                values[i] = rng.Next(4) switch
                {
                    0 => 60 + rng.Next(3),                  // many ties
                    1 => 57 + 0.01 * i,                     // a rising run
                    _ => 48 + 24 * rng.NextDouble(),
                };
            double[] sorted = values.OrderBy(v => v).ToArray();
            double expected = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            Assert.Equal(expected, F0Median.Of(values));
            Assert.Equal(sorted, values.OrderBy(v => v).ToArray());   // reordered, nothing lost
        }
        Assert.True(double.IsNaN(F0Median.Of([])));
    }

    [Fact]
    public void AllocatesNothing()
    {
        var values = new double[257];
        var rng = new Random(1);
        void Run()
        {
            for (int t = 0; t < 100; t++)
            {
                for (int i = 0; i < values.Length; i++) values[i] = rng.NextDouble();
                F0Median.Of(values.AsSpan(0, 1 + t));
            }
        }
        // Warmed over the same paths first, then the least of three measured passes (AllocationProbe).
        Run();
        Assert.Equal(0, AllocationProbe.LeastPerPass(Run));
    }
}
