using System.CommandLine;
using Audio2Midi.Training.Datasets;
using Audio2Midi.Training.Learning;
using Audio2Midi.Training.Models;
using Spectre.Console;

namespace Audio2Midi.Training.Commands;

/// <summary>`a2m train`: trains an onset/frame model on one or more dataset caches into a run folder.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string[]>("--data", "-d") { Description = "Dataset cache to train on (`a2m dataset import` makes one), as DIR or DIR:WEIGHT; repeat to mix several by weight. The first one's feature statistics are used for all.", Required = true, AllowMultipleArgumentsPerToken = true };
        var validateOn = new Option<string[]>("--validate-on") { Description = "Cache(s) whose validation split picks the best epoch (default: every --data cache). Name only your real recordings here when synthetic takes are mixed in.", AllowMultipleArgumentsPerToken = true };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Run folder: config.json, features.json, best.pt, last.pt, state.json, log.csv.", Required = true };
        var config = new Option<FileInfo?>("--config") { Description = "Start from a config.json (from a run or `a2m tune`); options given here override it." };
        var kind = new Option<string?>("--model") { Description = "Model kind: live (causal, streams; the default), or the windowed crnn, transformer or unet (they see the whole 4 s window)." };
        var epochs = new Option<int?>("--epochs") { Description = "Most epochs to train (default 40; early stopping usually ends sooner)." };
        var steps = new Option<int?>("--steps-per-epoch") { Description = "Steps per epoch (default: enough crops to cover the training frames once)." };
        var batch = new Option<int?>("--batch") { Description = "Crops per step (default 8)." };
        var lr = new Option<double?>("--lr") { Description = "Adam learning rate (default 0.001)." };
        var hidden = new Option<int?>("--hidden") { Description = "Recurrent width (default 128)." };
        var channels = new Option<int?>("--channels") { Description = "Convolution channels (default 16)." };
        var depth = new Option<int?>("--depth") { Description = "Recurrent layers (default 1)." };
        var dropout = new Option<double?>("--dropout") { Description = "Dropout (default 0.2)." };
        var patience = new Option<int?>("--patience") { Description = "Epochs without a better validation loss before stopping (default 6)." };
        var noAugment = new Option<bool>("--no-augment") { Description = "Train without gain, noise, room and pitch-shift augmentation." };
        var seed = new Option<int?>("--seed") { Description = "Seed of initialisation and crop sampling (default 1)." };
        var threads = new Option<int?>("--threads") { Description = "Torch CPU threads (default 1: fastest on a busy 2-core machine; use the core count on a dedicated one)." };
        var device = new Option<string?>("--device") { Description = "cpu (default) or cuda (needs a TorchSharp CUDA package in place of TorchSharp-cpu, and a GPU)." };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last epoch (same options)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar; one line per epoch." };
        var command = new Command("train", "Train an onset/frame model (TorchSharp, CPU) on dataset caches; validates on their validation split every epoch and keeps the best checkpoint.")
        {
            data, validateOn, output, config, kind, epochs, steps, batch, lr, hidden, channels, depth, dropout, patience, noAugment, seed, threads, device, resume, quiet,
        };
        command.SetAction(parse =>
        {
            try
            {
                var run = new RunFolder(parse.GetValue(output)!.FullName);
                bool resuming = parse.GetValue(resume) && run.HasState;
                TrainOptions options = resuming ? RunFolder.ReadOptions(run.Config)
                    : parse.GetValue(config) is { } file ? RunFolder.ReadOptions(file.FullName) : new TrainOptions();
                if (!resuming)
                {
                    ModelConfig m = options.Model;
                    m = m with
                    {
                        Kind = parse.GetValue(kind) is { } k ? ModelKinds.Parse(k) : m.Kind,
                        Hidden = parse.GetValue(hidden) ?? m.Hidden,
                        ConvChannels = parse.GetValue(channels) ?? m.ConvChannels,
                        Depth = parse.GetValue(depth) ?? m.Depth,
                        Dropout = parse.GetValue(dropout) ?? m.Dropout,
                    };
                    options = options with
                    {
                        Model = m,
                        MaxEpochs = parse.GetValue(epochs) ?? options.MaxEpochs,
                        StepsPerEpoch = parse.GetValue(steps) ?? options.StepsPerEpoch,
                        BatchSize = parse.GetValue(batch) ?? options.BatchSize,
                        LearningRate = parse.GetValue(lr) ?? options.LearningRate,
                        Patience = parse.GetValue(patience) ?? options.Patience,
                        Seed = parse.GetValue(seed) ?? options.Seed,
                        Threads = parse.GetValue(threads) ?? options.Threads,
                        Device = parse.GetValue(device) ?? options.Device,
                        Augmentation = parse.GetValue(noAugment) ? AugmentationSettings.None : options.Augmentation,
                    };
                    if (run.HasState) throw new ArgumentException($"{run.Directory} already holds a run; pass --resume to continue it or choose another --out");
                }
                options.Validate();
                TrainingSource[] sources = parse.GetValue(data)!.Select(TrainingSource.Parse).ToArray();
                TrainingData train = TrainingData.Load(sources, SplitName.Train);
                TrainingSource[] validationSources = parse.GetValue(validateOn) is { Length: > 0 } v ? v.Select(TrainingSource.Parse).ToArray() : sources;
                TrainingData validation = TrainingData.Load(validationSources, SplitName.Validation);
                if (validation.Features.Cqt != train.Features.Cqt || validation.Labels.MinPitch != train.Labels.MinPitch || validation.Labels.MaxPitch != train.Labels.MaxPitch)
                    throw new InvalidDataException("--validate-on: its cache's CQT settings or pitch range differ from the training data's");
                validation = train.WithSets(validation.Sets); // one feature function: the first training cache's statistics
                Console.Error.WriteLine($"training {ModelKinds.Name(options.Model.Kind)} on {train.RecordingCount} recordings ({train.TotalFrames / 6000.0:0.0} min), validating on {validation.RecordingCount} ({validation.TotalFrames / 6000.0:0.0} min); run folder {run.Directory}");
                TrainState state = RunWithProgress(new Trainer(options, run), train, validation, resuming, parse.GetValue(quiet));
                Console.Error.WriteLine($"done: {state.StopReason}; best validation loss {state.BestValidationLoss:0.0000} at epoch {state.BestEpoch}, {state.SecondsTrained / 60:0.0} min of training; best checkpoint {run.Best}");
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException or TrainingDivergedException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static TrainState RunWithProgress(Trainer trainer, TrainingData train, TrainingData validation, bool resume, bool quiet)
    {
        void Line(EpochRecord r) => Console.Error.WriteLine(
            $"epoch {r.Epoch}: train loss {r.TrainLoss:0.0000}, validation loss {r.ValidationLoss:0.0000}, frame F1 {r.FrameF1:0.000}, onset F1 {r.OnsetF1:0.000}, lr {r.LearningRate:G3}, {r.Seconds:0} s");
        if (quiet || Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return trainer.Run(train, validation, resume, new SynchronousProgress<TrainProgress>(p => { if (p.Finished is { } r) Line(r); }), CancellationToken.None);
        TrainState? state = null;
        AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()).Start(context =>
        {
            ProgressTask? task = null;
            state = trainer.Run(train, validation, resume, new SynchronousProgress<TrainProgress>(p =>
            {
                if (task is null || task.MaxValue != p.StepsPerEpoch || p.Step == 1 && task.Value >= task.MaxValue) task = context.AddTask($"epoch {p.Epoch}", maxValue: p.StepsPerEpoch);
                task.Value = p.Step;
                task.Description = p.Finished is { } r
                    ? $"epoch {r.Epoch}/{p.MaxEpochs}: loss {r.TrainLoss:0.0000}, val {r.ValidationLoss:0.0000}, onset F1 {r.OnsetF1:0.000}"
                    : $"epoch {p.Epoch}/{p.MaxEpochs}: loss {p.RunningLoss:0.0000}, {p.SecondsPerStep:0.00} s/step";
            }), CancellationToken.None);
        });
        return state!;
    }
}
