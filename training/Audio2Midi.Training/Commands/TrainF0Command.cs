using System.CommandLine;
using System.Globalization;
using Audio2Midi.Features;
using Audio2Midi.IO;
using Audio2Midi.Models;
using Audio2Midi.Placement;
using Audio2Midi.Training.F0;
using Audio2Midi.Training.Learning;

namespace Audio2Midi.Training.Commands;

/// <summary>`a2m train-f0`: trains the f0-grounded note model on (wav, notes.csv) pairs and exports it as a preset.</summary>
public static class TrainF0Command
{
    public const string HustTrainedOn = "HUST_Solfege (MIT) recordings with SSVD v2.0 offsets";

    public static Command Create()
    {
        var data = new Argument<DirectoryInfo>("data") { Description = "Folder of NAME.wav + NAME.notes.csv pairs (onset_s,offset_s,midi_pitch; e.g. ../shared/data/hust-solfege). Split by recording like `a2m dataset import`." };
        var run = new Option<DirectoryInfo?>("--run") { Description = "Run folder for log.csv and best.pt (default: training/runs/f0-NAME)." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "MODEL.onnx to write, with MODEL.json beside it (default: RUN/model.onnx). Put it in a preset folder to use it in the plugin." };
        var name = new Option<string>("--name") { Description = "The preset's name, as the plugin's menu shows it.", DefaultValueFactory = _ => "F0 notes" };
        var trainedOn = new Option<string?>("--trained-on") { Description = "What the data is and its licence, for the manifest (default: the folder's name)." };
        var hidden = new Option<int>("--hidden") { Description = "GRU width. 64 = the shipped preset; 96 (about 2.25x the network's work, still inside the plugin's real-time budget) lowered the validation loss and measured worse on the development sets, with the shipped decoder settings and with its own (training/runs/f0-wide-PLAN.md, f0-own-fit-PLAN.md).", DefaultValueFactory = _ => 64 };
        var depth = new Option<int>("--depth") { Description = "GRU layers.", DefaultValueFactory = _ => 2 };
        var taps = new Option<int>("--taps") { Description = "Output layer: 0 = a linear map of the GRU's output at each frame (the shipped preset); 2-16 = a causal convolution over the GRU's outputs at the frame and every 8 frames (40 ms) back, so a head with look-ahead reads the GRU right after the frame it decides (7 taps measured worse than 0 on the development sets: docs/training.md, \"output taps\").", DefaultValueFactory = _ => 0 };
        var spectral = new Option<bool>("--spectral") { Description = "Also read how the sound changes each frame (spectral flux, change of the spectral envelope, share of the bands from about 4 kHz: a new vowel, a consonant, a breath) besides the f0 features; none carries absolute pitch. The manifest says so (f0_features). Better on hust-solfege's held-out takes, worse on other singers (vocadito): docs/training.md, \"spectral change\"; for a model of your own voice, check it on your test takes." };
        var deltaStart = new Option<double>("--delta-start-weight") { Description = "How much a note's first 10 frames (50 ms) weigh in the pitch delta's loss against its other frames; the decoder reads a starting note's delta there. 1 = every frame alike (the shipped preset); 5 measured worse on the development sets (docs/training.md, \"the delta weighted where it is read\").", DefaultValueFactory = _ => 1 };
        var refit = new Option<FileInfo?>("--refit-start-delta") { Description = "Instead of training: load this run's weights (RUN/best.pt, trained with the same --hidden/--depth/--features) and refit only the pitch deltas of the heads --refit-steps-ms names (the 120 ms head's by default) for starting notes, everything else frozen: 600 steps (or --steps-per-epoch) on the same data, and the manifest tells the decoder to read those deltas (f0_read_delta). The shipped preset is made so (training/presets/rebuild.sh)." };
        var refitAfter = new Option<bool>("--refit") { Description = "Train, then refit the start deltas of the heads --refit-steps-ms names on the best epoch's weights in the same command: what `--refit-start-delta RUN/best.pt` does as a second command, without loading the data again. The shipped preset's recipe for one run." };
        var refitSteps = new Option<string>("--refit-steps-ms") { Description = "With --refit-start-delta or --refit: the Latency steps whose heads' deltas are refitted (comma-separated ms, 0 = Instant). The shipped preset reads the 120 ms head's refitted delta; the 250 ms head named its notes better without one on twelve held-out hust splits (training/runs/f0-250-pair-PLAN.md), and adding 0, 30 and 60 measured no better on the development sets (training/runs/f0-start-delta-short-PLAN.md).", DefaultValueFactory = _ => "120" };
        var dropout = new Option<double>("--dropout") { Description = "While training, the share of the GRU's inputs, outputs and (with --depth 2+) of what passes between its layers set to zero at random (0..0.8); the exported model is the same shape either way. 0 = none (the shipped preset); 0.2 measured worse on the development sets (training/runs/f0-dropout-PLAN.md).", DefaultValueFactory = _ => 0 };
        var epochs = new Option<int>("--epochs") { Description = "Most epochs (training stops earlier when validation stops improving). 12 = the shipped preset; 20 lowered the validation loss and measured worse on the development sets (training/runs/f0-longer-PLAN.md, f0-own-fit-PLAN.md).", DefaultValueFactory = _ => 12 };
        var steps = new Option<int>("--steps-per-epoch") { Description = "Batches per epoch (0: enough to see the training frames once)." };
        var shifts = new Option<string>("--shifts") { Description = "Pitch shifts in semitones (fractional allowed, comma-separated) at which each training recording is also rendered; 0 = as recorded. A shift also changes the tempo (resampled, as on tape); shifted renderings also get a random level (-15..+5 dB).", DefaultValueFactory = _ => "0" };
        var tempos = new Option<string>("--tempos") { Description = "Tempo factors (comma-separated; 1.2 = 20 % faster, 0.85 = slower) at which each training recording is also rendered, pitch kept (WSOLA time stretch), at a random level (-15..+5 dB). Default: none.", DefaultValueFactory = _ => "" };
        var rooms = new Option<double>("--rooms") { Description = "Share (0..1) of the shifted and stretched renderings also put in a random room (reverberation 0.2-1.0 s, up to 30 % wet) with background noise 10-45 dB under the voice, the ranges of a2m synth's singers; the recording as it is stays dry. 0 = none (the shipped preset); 0.5 measured worse on the development sets, which are all dry (training/runs/f0-rooms-PLAN.md).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the split (as `a2m dataset import --seed`) and, unless --training-seed is given, of training.", DefaultValueFactory = _ => 1 };
        var trainingSeed = new Option<int?>("--training-seed") { Description = "Seed of the weights' initialisation and the batch order only (default: --seed). Another value on the same split shows run-to-run noise." };
        var validation = new Option<double>("--validation") { Description = "Fraction of recordings for validation.", DefaultValueFactory = _ => 0.1 };
        var test = new Option<double>("--test") { Description = "Fraction of recordings held out for test (never loaded).", DefaultValueFactory = _ => 0.1 };
        var extra = new Option<DirectoryInfo[]>("--extra") { Description = "More training-only folders of NAME.wav with NAME.notes.csv or NAME.mid (e.g. `a2m synth` takes); repeatable. They never validate.", AllowMultipleArgumentsPerToken = false };
        var threads = new Option<int>("--threads") { Description = "Threads for feature extraction; training runs on one (fastest on small CPUs).", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var command = new Command("train-f0", "Train the f0-grounded note model (onsets, offsets and the pitch a note settles on, relative to the sung f0) and export it as a preset.")
        {
            data, run, output, name, trainedOn, hidden, depth, taps, spectral, deltaStart, refit, refitAfter, refitSteps, dropout, epochs, steps, shifts, tempos, rooms, seed, trainingSeed, validation, test, extra, threads,
        };
        command.SetAction(parse =>
        {
            try
            {
                DirectoryInfo folder = parse.GetValue(data)!;
                string presetName = parse.GetValue(name)!;
                var options = new F0TrainOptions
                {
                    Hidden = parse.GetValue(hidden),
                    Depth = parse.GetValue(depth),
                    Taps = parse.GetValue(taps),
                    Features = parse.GetValue(spectral) ? F0FeatureSet.PitchAndSpectrum : F0FeatureSet.Pitch,
                    Epochs = parse.GetValue(epochs),
                    StepsPerEpoch = parse.GetValue(steps),
                    Seed = parse.GetValue(seed),
                    TrainingSeed = parse.GetValue(trainingSeed),
                    Shifts = ParseShifts(parse.GetValue(shifts)!),
                    Tempos = ParseNumbers(parse.GetValue(tempos)!, "--tempos", "a tempo factor"),
                    DeltaStartWeight = parse.GetValue(deltaStart),
                    RoomProbability = parse.GetValue(rooms),
                    Dropout = parse.GetValue(dropout),
                };
                options.Validate();
                string runFolder = parse.GetValue(run)?.FullName ?? Path.Combine("training", "runs", "f0-" + Slug(presetName));
                string onnx = parse.GetValue(output)?.FullName ?? Path.Combine(runFolder, "model.onnx");
                var progress = new SynchronousProgress<string>(line => Console.Error.WriteLine(line));
                F0Heads heads = F0Heads.ForSteps(options.StepsMs);
                Console.Error.WriteLine($"heads: look-ahead {string.Join(", ", heads.DelayFrames)} frames of 5 ms; shifts {string.Join(", ", options.Shifts)} st" + (options.Tempos.Count == 0 ? "" : $"; tempos x{string.Join(", x", options.Tempos)}")
                    + (options.RoomProbability > 0 ? $"; rooms for {options.RoomProbability:P0} of them" : ""));
                // A refit's weights and steps are checked before the data loads (a minute or more).
                FileInfo? refitFrom = parse.GetValue(refit);
                if (refitFrom is { Exists: false }) throw new FileNotFoundException($"{refitFrom.FullName}: no such run weights (RUN/best.pt from `a2m train-f0`)");
                bool thenRefit = parse.GetValue(refitAfter);
                if (thenRefit && refitFrom is not null) throw new ArgumentException("--refit trains and then refits; --refit-start-delta refits a run trained before: give one of them");
                (int, int)[] chosenHeads = refitFrom is null && !thenRefit ? [] : RefitHeads(parse.GetValue(refitSteps)!, heads);
                F0Dataset dataset = F0Dataset.Load(folder.FullName, heads, options.Shifts, options.Seed, parse.GetValue(validation), parse.GetValue(test), progress, parse.GetValue(threads),
                    (parse.GetValue(extra) ?? []).Select(d => d.FullName).ToArray(), options.Tempos, options.Features, options.RoomProbability);
                Console.Error.WriteLine($"{dataset.Train.Count} training renderings, {dataset.Validation.Count} validation recordings; test held out: {string.Join(", ", dataset.Test)}");
                F0NoteNetwork network;
                int[]? readDelta = null;   // the exporter's default by look-ahead, unless the long heads' deltas are refitted
                string refitted = "";
                if (refitFrom is { } from)
                {
                    TorchSharp.torch.set_num_threads(options.Threads);
                    network = new F0NoteNetwork(heads, options.Hidden, options.Depth, options.Taps, options.Features, options.Dropout);
                    try
                    {
                        network.load(from.FullName);
                    }
                    catch (Exception e) when (e is not IOException)
                    {
                        throw new InvalidDataException($"{from.FullName}: not the weights of an f0 network with --hidden {options.Hidden}, --depth {options.Depth}, --taps {options.Taps} and these features ({e.Message})", e);
                    }
                    network.eval();
                }
                else network = F0Trainer.Train(dataset, options, runFolder, progress);   // the best epoch's weights, in eval mode
                if (chosenHeads.Length > 0)   // --refit-start-delta, or --refit after training
                {
                    (double was, double now) = F0StartDeltaRefit.Refit(network, dataset, chosenHeads, options.StepsPerEpoch > 0 ? options.StepsPerEpoch : 600, options.BatchSize, options.CropFrames, 1e-3, options.EffectiveTrainingSeed, progress);
                    Console.Error.WriteLine($"start-delta loss on validation: {was:0.0000} -> {now:0.0000}");
                    readDelta = F0Exporter.DefaultReadDelta(heads, chosenHeads.Select(x => x.Item1));
                    refitted = $"; the start deltas of heads {string.Join(", ", chosenHeads.Select(x => x.Item1))} refitted "
                        + (refitFrom is { } weights ? $"on {Path.GetFileName(Path.GetDirectoryName(weights.FullName))}/{weights.Name}" : "after training");
                }
                using var owned = network;
                double loss = F0Trainer.Validate(network, dataset.Validation, heads);
                ModelManifest manifest = F0Exporter.Export(network, onnx, presetName, [parse.GetValue(trainedOn) ?? folder.Name], F0Exporter.DefaultDecoder,
                    new Dictionary<string, double> { ["validation_loss"] = Math.Round(loss, 5) },
                    $"a2m train-f0 on {folder.Name} (hidden {options.Hidden}, depth {options.Depth}{(options.Taps > 0 ? $", taps {options.Taps}" : "")}{(options.Features != F0FeatureSet.Pitch ? $", features {options.Features.Name()}" : "")}{(options.DeltaStartWeight != 1 ? $", delta start weight {options.DeltaStartWeight}" : "")}{(options.Dropout > 0 ? $", dropout {options.Dropout}" : "")}, shifts {string.Join(" ", options.Shifts)}{(options.Tempos.Count == 0 ? "" : ", tempos " + string.Join(" ", options.Tempos))}{(options.RoomProbability > 0 ? $", rooms {options.RoomProbability}" : "")}, seed {options.Seed}{(options.TrainingSeed is int t ? $", training seed {t}" : "")}{refitted})", readDelta);
                Console.Error.WriteLine($"wrote {onnx} and {ModelPreset.ManifestPathOf(onnx)} (validation loss {loss:0.0000}); score it with `a2m evaluate DIR --model {onnx}`");
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or AudioFileException or UnauthorizedAccessException or TrainingDivergedException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The heads a refit chooses by Latency step, each with where its pitch window begins (the exporter's).</summary>
    private static (int, int)[] RefitHeads(string text, F0Heads heads)
    {
        int[] chosen = LatencyOption.ParseSteps(text, "--refit-steps-ms").Select(heads.HeadFor).Distinct().Order().ToArray();
        return chosen.Select(h => (h, F0Exporter.DefaultPitchFromFrames(heads.DelayFrames[h]))).ToArray();
    }

    internal static double[] ParseShifts(string text)
    {
        double[] values = ParseNumbers(text, "--shifts", "a number of semitones");
        if (values.Length == 0) throw new ArgumentException("--shifts: give at least one shift (0 = as recorded)");
        return values;
    }

    /// <summary>A comma-separated list of numbers (invariant culture); empty gives none.</summary>
    internal static double[] ParseNumbers(string text, string option, string what)
    {
        var values = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                throw new ArgumentException($"{option}: '{part}' is not {what}");
            values.Add(v);
        }
        return values.ToArray();
    }

    private static string Slug(string name) => new(name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
}
