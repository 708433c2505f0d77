using Audio2Midi.Training.Datasets;
using Audio2Midi.Training.Learning;
using Audio2Midi.Training.Models;
using Audio2Midi.Training.Tuning;

namespace Audio2Midi.Tests.Learning;

/// <summary>`a2m tune`: the sampler finds a minimum faster than chance; a search writes its trials and best config and resumes.</summary>
[Collection("Torch")]
public sealed class TunerTests(TrainingFixture data) : IClassFixture<TrainingFixture>
{
    [Fact]
    public void ParzenSamplerConcentratesNearTheMinimum()
    {
        // Loss of a point: distance of its first (continuous) and third (categorical) dimensions from a known best.
        static double Loss(double[] x) => Math.Pow(x[0] - 0.8, 2) + (Math.Min(3, (int)(x[2] * 4)) == 1 ? 0 : 0.3);
        double Search(bool parzen, int seed)
        {
            var sampler = new TreeParzenSampler(SearchSpace.Choices, startupTrials: parzen ? 5 : int.MaxValue);
            var done = new List<(double[] Point, double Loss)>();
            for (int i = 0; i < 30; i++)
            {
                double[] p = sampler.Next(done, new Random(seed * 100 + i));
                Assert.All(p, v => Assert.InRange(v, 0, 1));
                done.Add((p, Loss(p)));
            }
            return done.Skip(15).Average(t => t.Loss); // how good the later proposals are
        }
        double parzenLoss = Enumerable.Range(1, 5).Average(s => Search(true, s)), randomLoss = Enumerable.Range(1, 5).Average(s => Search(false, s));
        Assert.True(parzenLoss < 0.6 * randomLoss, $"TPE {parzenLoss:0.000} vs random {randomLoss:0.000}");
    }

    [Fact]
    public void SearchWritesTrialsAndBestConfigAndResumes()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"a2m-tune-{Guid.NewGuid():N}");
        try
        {
            TrainingSource[] sources = [new(data.Cache, 1)];
            TrainingData train = TrainingData.Load(sources, SplitName.Train), validation = TrainingData.Load(sources, SplitName.Validation);
            var baseline = new TrainOptions { Model = new ModelConfig { ConvChannels = 4, Hidden = 16 }, CropFrames = 50, MaxEpochs = 2, StepsPerEpoch = 2, Patience = 3 };
            IReadOnlyList<TrialRecord> first = new Tuner(folder, baseline, 2, seed: 3).Run(train, validation, null, null, CancellationToken.None);
            Assert.Equal(2, first.Count);
            var resumed = new Tuner(folder, baseline, 3, seed: 3);
            IReadOnlyList<TrialRecord> all = resumed.Run(train, validation, null, null, CancellationToken.None);
            Assert.Equal([1, 2, 3], all.Select(t => t.Number));
            Assert.Equal(first[0].BestValidationLoss, all[0].BestValidationLoss);
            Assert.Equal(3, File.ReadAllLines(resumed.TrialsPath).Length);
            TrainOptions best = RunFolder.ReadOptions(resumed.BestConfigPath);
            TrialRecord winner = all.OrderBy(t => t.BestValidationLoss).First();
            Assert.Equal(winner.Hidden, best.Model.Hidden);
            Assert.Equal(winner.LearningRate, best.LearningRate, 12);
            Assert.Equal(new TrainOptions().MaxEpochs, best.MaxEpochs);
            Assert.Equal(new TrainOptions().Patience, best.Patience);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
