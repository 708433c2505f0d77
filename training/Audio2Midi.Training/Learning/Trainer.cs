using System.Diagnostics;
using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// `a2m train`'s loop: Adam on random augmented crops, the masked loss, validation on fixed windows every epoch,
/// the learning rate cut when validation stops improving (reduce-on-plateau), early stopping, the best checkpoint
/// by validation loss kept, and everything needed to resume written after each epoch. A NaN or infinite loss stops
/// the run with an error. Deterministic for a seed and thread count.
/// </summary>
public sealed class Trainer(TrainOptions options, RunFolder run)
{
    private TrainOptions options = options;

    /// <param name="prune">Asked after each epoch; true stops the run there (a tuner's pruning rule).</param>
    public TrainState Run(TrainingData train, TrainingData validation, bool resume, IProgress<TrainProgress>? progress, CancellationToken cancel,
        Func<EpochRecord, bool>? prune = null)
    {
        options.Validate();
        System.IO.Directory.CreateDirectory(run.Directory);
        torch.set_num_threads(options.Threads);
        torch.manual_seed(options.Seed);
        var layout = new PosteriorLayout(train.Labels.MinPitch, train.Labels.PitchCount);
        using IFrameNetwork network = NetworkFactory.Create(options.Model, train.Bins, layout, options.CropFrames);
        nn.Module<Tensor, Tensor> module = network.Module;
        Device device = TrainingDevice.Resolve(options.Device);
        module.to(device);
        var optimizer = new KeptScalarAdam(module.parameters(), options.LearningRate);
        TrainState state = new() { LearningRate = options.LearningRate };
        if (resume && run.HasState)
        {
            state = run.ReadState();
            module.load(run.Last);
            module.to(device);
            optimizer.load_state_dict(run.Optimizer);
            SetLearningRate(optimizer, state.LearningRate);
            if (state.Finished) return state;
        }
        else
        {
            options = options with
            {
                MinPitch = train.Labels.MinPitch,
                Pitches = train.Labels.PitchCount,
                Data = train.Sets.Select(s => $"{s.Source.CacheDirectory}:{s.Source.Weight}").ToArray(),
            };
            run.WriteOptions(options);
            FeatureParametersJson.Write(run.Features, train.Features);
            File.WriteAllText(run.Log, EpochRecord.Header + "\n");
        }

        var loss = new FrameLoss(layout, options.Loss);
        var sampler = new CropSampler(train, options.Augmentation, options.CropFrames);
        var batch = new FrameBatch(options.BatchSize, options.CropFrames, train.Bins, layout);
        var validationBatch = new FrameBatch(options.BatchSize, options.CropFrames, train.Bins, layout);
        int steps = options.StepsPerEpoch > 0 ? options.StepsPerEpoch
            : (int)Math.Max(1, Math.Ceiling(train.TotalFrames / (double)(options.BatchSize * options.CropFrames)));

        for (int epoch = state.EpochsDone + 1; epoch <= options.MaxEpochs; epoch++)
        {
            cancel.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            // Each epoch draws from its own seed (crops and dropout alike), so a resumed run repeats an unbroken one.
            // Not HashCode.Combine: that is salted per process.
            int epochSeed = unchecked(options.Seed * 1_000_003 + epoch);
            var rng = new Random(epochSeed);
            torch.manual_seed(epochSeed);
            module.train();
            double sum = 0;
            for (int step = 1; step <= steps; step++)
            {
                cancel.ThrowIfCancellationRequested();
                sampler.Next(batch, rng);
                double value = TrainStep(module, optimizer, loss, batch, device);
                if (!double.IsFinite(value))
                    throw new TrainingDivergedException($"the training loss became {value} at epoch {epoch}, step {step} (learning rate {state.LearningRate:G3}); try a lower --lr or a smaller --clip");
                sum += value;
                progress?.Report(new TrainProgress(epoch, options.MaxEpochs, step, steps, sum / step, clock.Elapsed.TotalSeconds / step, null));
            }
            (double validationLoss, double frameF1, double onsetF1) = Validate(module, loss, validation, validationBatch, layout, device);
            if (!double.IsFinite(validationLoss)) throw new TrainingDivergedException($"the validation loss became {validationLoss} after epoch {epoch}");
            var record = new EpochRecord(epoch, sum / steps, validationLoss, frameF1, onsetF1, state.LearningRate, clock.Elapsed.TotalSeconds);
            File.AppendAllText(run.Log, record.ToCsv() + "\n");

            bool improved = validationLoss < state.BestValidationLoss;
            if (improved) module.save(run.Best);
            state = Advance(state, epoch, validationLoss, improved, clock.Elapsed.TotalSeconds);
            SetLearningRate(optimizer, state.LearningRate);
            module.save(run.Last);
            optimizer.save_state_dict(run.Optimizer);
            run.WriteState(state);
            progress?.Report(new TrainProgress(epoch, options.MaxEpochs, steps, steps, sum / steps, clock.Elapsed.TotalSeconds / steps, record));
            if (!state.Finished && prune is not null && prune(record))
            {
                state = state with { Finished = true, StopReason = $"pruned after epoch {epoch}" };
                run.WriteState(state);
            }
            if (state.Finished) break;
        }
        if (!state.Finished)
        {
            state = state with { Finished = true, StopReason = $"reached {options.MaxEpochs} epochs" };
            run.WriteState(state);
        }
        return state;
    }

    /// <summary>Plateau and early-stopping rules after one epoch: a pure function of the state, so a resumed run decides as an unbroken one.</summary>
    public TrainState Advance(TrainState state, int epoch, double validationLoss, bool improved, double seconds)
    {
        state = state with { EpochsDone = epoch, SecondsTrained = state.SecondsTrained + seconds };
        if (improved)
            return state with { BestValidationLoss = validationLoss, BestEpoch = epoch, EpochsWithoutImprovement = 0, EpochsSinceLrCut = 0 };
        state = state with { EpochsWithoutImprovement = state.EpochsWithoutImprovement + 1, EpochsSinceLrCut = state.EpochsSinceLrCut + 1 };
        if (state.EpochsSinceLrCut > options.LrPatience && state.LearningRate > options.MinLearningRate)
            state = state with { LearningRate = Math.Max(options.MinLearningRate, state.LearningRate * options.LrFactor), EpochsSinceLrCut = 0 };
        if (state.EpochsWithoutImprovement >= options.Patience)
            state = state with { Finished = true, StopReason = $"no better validation loss for {options.Patience} epochs (best {state.BestValidationLoss:0.0000} at epoch {state.BestEpoch})" };
        return state;
    }

    private double TrainStep(nn.Module<Tensor, Tensor> module, optim.Optimizer optimizer, FrameLoss loss, FrameBatch batch, Device device)
    {
        using var scope = torch.NewDisposeScope();
        (Tensor x, Tensor y, Tensor m) = ToTensors(batch, device);
        Tensor l = loss.Compute(module.forward(x), y, m);
        optimizer.zero_grad();
        l.backward();
        if (options.ClipNorm > 0) nn.utils.clip_grad_norm_(module.parameters(), options.ClipNorm);
        optimizer.step();
        return l.item<float>();
    }

    /// <summary>Mean validation loss per real frame, with frame F1 (pitch and frame) and onset F1 (exact frame) at 0.5.</summary>
    public static (double Loss, double FrameF1, double OnsetF1) Validate(nn.Module<Tensor, Tensor> module, FrameLoss loss, TrainingData validation, FrameBatch batch, PosteriorLayout layout, Device? device = null)
    {
        module.eval();
        double sum = 0, frames = 0;
        var frame = new CountF1();
        var onset = new CountF1();
        using (torch.no_grad())
            foreach (FrameBatch b in ValidationBatches.Enumerate(validation, batch))
            {
                using var scope = torch.NewDisposeScope();
                (Tensor x, Tensor y, Tensor m) = ToTensors(b, device);
                Tensor logits = module.forward(x);
                double real = b.Mask.Sum();
                sum += loss.Compute(logits, y, m).item<float>() * real;
                frames += real;
                float[] p = PosteriorHead.Apply(logits, layout).cpu().data<float>().ToArray();
                frame.Add(p, b.Targets, b.Mask, layout.Frame, layout.Pitches, layout.Size);
                onset.Add(p, b.Targets, b.Mask, layout.Onset, 1, layout.Size);
            }
        module.train();
        return (frames > 0 ? sum / frames : double.NaN, frame.F1, onset.F1);
    }

    public static (Tensor X, Tensor Y, Tensor M) ToTensors(FrameBatch b, Device? device = null) => (
        torch.tensor(b.Features, [b.Batch, b.Frames, b.Bins], device: device),
        torch.tensor(b.Targets, [b.Batch, b.Frames, b.Layout.Size], device: device),
        torch.tensor(b.Mask, [b.Batch, b.Frames], device: device));

    private static void SetLearningRate(optim.Optimizer optimizer, double lr)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
    }

    private sealed class CountF1
    {
        private long _tp, _fp, _fn;

        public double F1 => _tp == 0 ? 0 : 2.0 * _tp / (2.0 * _tp + _fp + _fn);

        public void Add(float[] probabilities, float[] targets, float[] mask, int offset, int width, int stride)
        {
            for (int f = 0; f < mask.Length; f++)
            {
                if (mask[f] == 0) continue;
                for (int k = 0; k < width; k++)
                {
                    int i = f * stride + offset + k;
                    bool predicted = probabilities[i] >= 0.5f, actual = targets[i] >= 0.5f;
                    if (predicted && actual) _tp++;
                    else if (predicted) _fp++;
                    else if (actual) _fn++;
                }
            }
        }
    }
}
