using System.Text.Json;
using Audio2Midi.Training.Learning;

namespace Audio2Midi.Training.Tuning;

/// <summary>
/// `a2m tune`: trials one after another, each a short training run (a few epochs) in its own folder, the next point
/// chosen by <see cref="TreeParzenSampler"/> from the finished ones. A trial whose validation loss after an epoch is
/// worse than the median of the earlier trials at that epoch is stopped there (median pruning). Every finished trial
/// is appended to trials.jsonl, so an interrupted search resumes where it stopped (the sampler's seed includes the
/// trial number); the best trial so far is written as best-config.json for `a2m train --config`.
/// </summary>
public sealed class Tuner(string folder, TrainOptions baseline, int trials, int seed)
{
    private static readonly JsonSerializerOptions Line = new(RunFolder.Json) { WriteIndented = false };

    public string TrialsPath => Path.Combine(folder, "trials.jsonl");

    public string BestConfigPath => Path.Combine(folder, "best-config.json");

    public IReadOnlyList<TrialRecord> ReadTrials() => File.Exists(TrialsPath)
        ? File.ReadLines(TrialsPath).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<TrialRecord>(l, RunFolder.Json)!).ToList()
        : [];

    public IReadOnlyList<TrialRecord> Run(TrainingData train, TrainingData validation, Action<TrialRecord>? finished, Action<int, TrainOptions>? starting, CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        var done = ReadTrials().ToList();
        var sampler = new TreeParzenSampler(SearchSpace.Choices);
        for (int number = done.Count + 1; number <= trials; number++)
        {
            cancel.ThrowIfCancellationRequested();
            double[] point = sampler.Next(done.Where(t => !t.Pruned).Select(t => (t.Point, t.BestValidationLoss)).ToList(), new Random(unchecked(seed * 7919 + number)));
            TrainOptions options = SearchSpace.Apply(baseline, point);
            starting?.Invoke(number, options);
            var run = new RunFolder(Path.Combine(folder, $"trial-{number:000}"));
            if (Directory.Exists(run.Directory) && !run.HasState) Directory.Delete(run.Directory, recursive: true);
            var losses = new List<double>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            TrainState state = new Trainer(options, run).Run(train, validation, resume: run.HasState, null, cancel, record =>
            {
                losses.Add(record.ValidationLoss);
                double[] earlier = done.Where(t => t.Losses.Length >= record.Epoch).Select(t => t.Losses[record.Epoch - 1]).Order().ToArray();
                return earlier.Length >= 2 && record.Epoch < options.MaxEpochs && record.ValidationLoss > earlier[earlier.Length / 2];
            });
            if (losses.Count == 0) losses.AddRange(EpochRecord.ReadLog(run.Log).Select(r => r.ValidationLoss));
            var trial = new TrialRecord
            {
                Number = number,
                Point = point,
                LearningRate = options.LearningRate,
                BatchSize = options.BatchSize,
                Hidden = options.Model.Hidden,
                ConvChannels = options.Model.ConvChannels,
                Depth = options.Model.Depth,
                Dropout = options.Model.Dropout,
                Epochs = state.EpochsDone,
                BestValidationLoss = state.BestValidationLoss,
                Losses = losses.ToArray(),
                Pruned = state.StopReason.StartsWith("pruned", StringComparison.Ordinal),
                Seconds = clock.Elapsed.TotalSeconds,
            };
            File.AppendAllText(TrialsPath, JsonSerializer.Serialize(trial, Line) + "\n");
            done.Add(trial);
            WriteBest(done);
            finished?.Invoke(trial);
        }
        return done;
    }

    private void WriteBest(List<TrialRecord> done)
    {
        TrialRecord best = done.OrderBy(t => t.BestValidationLoss).First();
        // The full-length training the best short trial stands for: its shape and rate, the baseline's epoch budget.
        TrainOptions options = SearchSpace.Apply(baseline, best.Point) with { MaxEpochs = new TrainOptions().MaxEpochs, StepsPerEpoch = 0, Patience = new TrainOptions().Patience };
        File.WriteAllText(BestConfigPath, JsonSerializer.Serialize(options, RunFolder.Json));
    }
}
