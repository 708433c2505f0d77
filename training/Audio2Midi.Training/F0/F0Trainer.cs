using System.Diagnostics;
using System.Globalization;
using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Training.Learning;
using TorchSharp;
using static TorchSharp.torch;

namespace Audio2Midi.Training.F0;

/// <summary>
/// Trains the f0 note model: Adam on random crops of the training recordings (every pitch-shifted rendering counts
/// as a recording), the validation loss over whole validation recordings after each epoch, the best epoch's weights
/// kept (best.pt), early stopping after <see cref="F0TrainOptions.Patience"/> epochs without improvement, one line per
/// epoch in log.csv and the loss curves in loss.png. A non-finite loss stops the run with an error. Deterministic for a seed and thread count.
/// </summary>
public static class F0Trainer
{
    public const string LogHeader = "epoch,train_loss,validation_loss,learning_rate,seconds";

    public static F0NoteNetwork Train(F0Dataset data, F0TrainOptions options, string runFolder, IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        if (data.Train.Count == 0 || data.Validation.Count == 0) throw new InvalidDataException("the f0 model needs training and validation recordings");
        Directory.CreateDirectory(runFolder);
        string log = Path.Combine(runFolder, "log.csv"), best = Path.Combine(runFolder, "best.pt");
        File.WriteAllText(log, LogHeader + "\n");
        torch.set_num_threads(options.Threads);
        torch.manual_seed(options.EffectiveTrainingSeed);
        F0Heads heads = F0Heads.ForSteps(options.StepsMs);
        int width = options.Features.Width();
        if (data.Train.Concat(data.Validation).FirstOrDefault(r => r.Track.Width != width) is { } other)
            throw new InvalidDataException($"{other.Name}: its features are {other.Track.Set.Name()}, the model is to read {options.Features.Name()}");
        var network = new F0NoteNetwork(heads, options.Hidden, options.Depth, options.Taps, options.Features, options.Dropout);
        var optimizer = new KeptScalarAdam(network.parameters(), options.LearningRate);
        var batch = new F0Batch(options.BatchSize, options.CropFrames, heads, width, options.DeltaStartWeight);
        long totalFrames = data.Train.Sum(r => (long)r.Frames);
        int steps = options.StepsPerEpoch > 0 ? options.StepsPerEpoch : (int)Math.Max(1, totalFrames / (options.BatchSize * options.CropFrames));
        double bestLoss = double.PositiveInfinity, lr = options.LearningRate;
        int sinceBest = 0, bestEpoch = 0;
        var records = new List<EpochRecord>();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var rng = new Random(unchecked(options.EffectiveTrainingSeed * 1_000_003 + epoch));
            network.train();
            double sum = 0;
            for (int step = 1; step <= steps; step++)
            {
                cancel.ThrowIfCancellationRequested();
                for (int i = 0; i < batch.Batch; i++)
                {
                    F0Recording r = Pick(data.Train, totalFrames, rng);
                    batch.Fill(i, r, rng.Next(Math.Max(1, r.Frames - options.CropFrames / 2)));
                }
                using var scope = torch.NewDisposeScope();
                Tensor loss = Loss(network, batch);
                optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(network.parameters(), 1.0);
                optimizer.step();
                double value = loss.item<float>();
                if (!double.IsFinite(value)) throw new TrainingDivergedException($"the f0 model's loss became {value} at epoch {epoch}, step {step}; try a lower --lr");
                sum += value;
                if (step % 20 == 0) progress?.Report($"epoch {epoch}/{options.Epochs} step {step}/{steps} loss {sum / step:0.0000}");
            }
            double validation = Validate(network, data.Validation, heads);
            if (!double.IsFinite(validation)) throw new TrainingDivergedException($"the validation loss became {validation} after epoch {epoch}");
            records.Add(new EpochRecord(epoch, sum / steps, validation, double.NaN, double.NaN, lr, clock.Elapsed.TotalSeconds));
            File.AppendAllText(log, string.Create(CultureInfo.InvariantCulture, $"{epoch},{sum / steps:0.00000},{validation:0.00000},{lr:G4},{clock.Elapsed.TotalSeconds:0.0}\n"));
            progress?.Report($"epoch {epoch}: train {sum / steps:0.0000}, validation {validation:0.0000} ({clock.Elapsed.TotalSeconds:0} s)");
            if (validation < bestLoss)
            {
                bestLoss = validation;
                bestEpoch = epoch;
                sinceBest = 0;
                network.save(best);
            }
            else if (++sinceBest >= options.Patience) break;
            else
            {
                lr *= 0.5; // halve on a worse epoch
                foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
            }
        }
        Plots.TrainingReportPlots.LossCurves(Path.Combine(runFolder, "loss.png"), records, bestEpoch);
        network.load(best);
        network.eval();
        return network;
    }

    /// <summary>The mean loss over whole recordings, each run from a fresh state as the engine runs it.</summary>
    public static double Validate(F0NoteNetwork network, IReadOnlyList<F0Recording> recordings, F0Heads heads)
    {
        network.eval();
        double sum = 0;
        using (torch.no_grad())
            foreach (F0Recording r in recordings)
            {
                var whole = new F0Batch(1, r.Frames, heads, r.Track.Width);
                whole.Fill(0, r, 0);
                using var scope = torch.NewDisposeScope();
                sum += Loss(network, whole).item<float>();
            }
        network.train();
        return sum / recordings.Count;
    }

    private static Tensor Loss(F0NoteNetwork network, F0Batch b)
    {
        Tensor x = torch.tensor(b.Features, [b.Batch, b.Frames, b.Width]);
        Tensor y = torch.tensor(b.Targets, [b.Batch, b.Frames, b.Heads.Size]);
        Tensor m = torch.tensor(b.Mask, [b.Batch, b.Frames, b.Heads.Count]);
        Tensor d = torch.tensor(b.DeltaMask, [b.Batch, b.Frames, b.Heads.Count]);
        return F0Loss.Compute(network.forward(x), y, m, d, b.Heads);
    }

    private static F0Recording Pick(IReadOnlyList<F0Recording> recordings, long totalFrames, Random rng)
    {
        long k = rng.NextInt64(totalFrames);
        foreach (F0Recording r in recordings)
        {
            if (k < r.Frames) return r;
            k -= r.Frames;
        }
        return recordings[^1];
    }
}
