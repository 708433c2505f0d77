using System.CommandLine;
using Audio2Midi.Training.Datasets;
using Audio2Midi.Training.Learning;
using Audio2Midi.Training.Models;
using Audio2Midi.Training.Tuning;
using Spectre.Console;

namespace Audio2Midi.Training.Commands;

/// <summary>`a2m tune`: a sequential hyper-parameter search (TPE, median pruning), resumable, printing a table of trials.</summary>
public static class TuneCommand
{
    public static Command Create()
    {
        var data = new Option<string[]>("--data", "-d") { Description = "Dataset cache(s) as for `a2m train` (DIR or DIR:WEIGHT).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Search folder: trials.jsonl, best-config.json and one run folder per trial; rerun to resume.", Required = true };
        var trials = new Option<int>("--trials") { Description = "Trials in all (a resumed search runs the missing ones).", DefaultValueFactory = _ => 12 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per trial (a trial worse than the median at an epoch stops there).", DefaultValueFactory = _ => 4 };
        var steps = new Option<int>("--steps-per-epoch") { Description = "Steps per trial epoch (0 = cover the training frames once).", DefaultValueFactory = _ => 0 };
        var kind = new Option<string>("--model") { Description = "Model kind to tune: live, crnn, transformer or unet.", DefaultValueFactory = _ => "live" };
        var seed = new Option<int>("--seed") { Description = "Seed of the search and of every trial's training.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Torch CPU threads.", DefaultValueFactory = _ => 1 };
        var command = new Command("tune", "Search learning rate, batch size, widths, depth and dropout (tree-structured Parzen estimator, median pruning); writes the best trial as a config for `a2m train --config`.")
        {
            data, output, trials, epochs, steps, kind, seed, threads,
        };
        command.SetAction(parse =>
        {
            try
            {
                int n = parse.GetValue(trials), e = parse.GetValue(epochs);
                if (n is < 1 or > 1000) throw new ArgumentException("--trials must be 1..1000");
                if (e is < 1 or > 1000) throw new ArgumentException("--epochs must be 1..1000");
                var baseline = new TrainOptions
                {
                    Model = new ModelConfig { Kind = ModelKinds.Parse(parse.GetValue(kind)!) },
                    MaxEpochs = e,
                    StepsPerEpoch = parse.GetValue(steps),
                    Seed = parse.GetValue(seed),
                    Threads = parse.GetValue(threads),
                    Patience = e + 1,
                };
                TrainingSource[] sources = parse.GetValue(data)!.Select(TrainingSource.Parse).ToArray();
                TrainingData train = TrainingData.Load(sources, SplitName.Train);
                TrainingData validation = TrainingData.Load(sources, SplitName.Validation);
                var tuner = new Tuner(parse.GetValue(output)!.FullName, baseline, n, baseline.Seed);
                int already = tuner.ReadTrials().Count;
                if (already > 0) Console.Error.WriteLine($"resuming: {already} trial(s) done in {tuner.TrialsPath}");
                IReadOnlyList<TrialRecord> all = tuner.Run(train, validation,
                    t => Console.Error.WriteLine($"trial {t.Number}: best validation loss {t.BestValidationLoss:0.0000} after {t.Epochs} epoch(s){(t.Pruned ? " (pruned)" : "")}, {t.Seconds:0} s"),
                    (i, o) => Console.Error.WriteLine($"trial {i}/{n}: lr {o.LearningRate:G3}, batch {o.BatchSize}, hidden {o.Model.Hidden}, channels {o.Model.ConvChannels}, depth {o.Model.Depth}, dropout {o.Model.Dropout:0.00}"),
                    CancellationToken.None);
                StandardOutput.Write(Table(all));
                Console.WriteLine($"best config: {tuner.BestConfigPath} (train it with `a2m train --config {tuner.BestConfigPath} --data ... --out ...`)");
                return 0;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException or TrainingDivergedException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Table Table(IReadOnlyList<TrialRecord> trials)
    {
        var table = new Table().AddColumns("trial", "lr", "batch", "hidden", "channels", "depth", "dropout", "epochs", "best val loss", "");
        double best = trials.Min(t => t.BestValidationLoss);
        foreach (TrialRecord t in trials)
            table.AddRow(t.Number.ToString(), t.LearningRate.ToString("G3"), t.BatchSize.ToString(), t.Hidden.ToString(), t.ConvChannels.ToString(), t.Depth.ToString(),
                t.Dropout.ToString("0.00"), t.Epochs.ToString(), t.BestValidationLoss.ToString("0.0000"), t.BestValidationLoss == best ? "best" : t.Pruned ? "pruned" : "");
        return table;
    }
}
