using Audio2Midi.Tests.Datasets;
using Audio2Midi.Training.Datasets;

namespace Audio2Midi.Tests.Learning;

/// <summary>A small dataset cache of synthetic takes (4 train, 1 validation, 1 test), built once for the training tests.</summary>
public sealed class TrainingFixture : IDisposable
{
    private readonly DatasetFolder _input = new();
    private readonly DatasetFolder _cache = new();

    public TrainingFixture()
    {
        for (int i = 0; i < 6; i++) _input.AddTake($"take{i}.wav", $"take{i}.mid", seed: 700 + i, seconds: 5);
        DatasetImporter.Import(_input.Path, _cache.Path, new ImportOptions { Seed = 2, ValidationFraction = 0.17, TestFraction = 0.17 });
    }

    public string Recordings => _input.Path;

    public string Cache => _cache.Path;

    public void Dispose()
    {
        _input.Dispose();
        _cache.Dispose();
    }
}
