using System.CommandLine;
using Audio2Midi.Models;
using Audio2Midi.Placement;
using Audio2Midi.Training.Evaluation;
using Audio2Midi.Transcription;

namespace Audio2Midi.Training.Commands;

/// <summary>`a2m fit-decoder`: picks a model's decoder thresholds on a validation split and writes them into its manifest.</summary>
public static class FitDecoderCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "MODEL.onnx (its MODEL.json is updated)." };
        var folder = new Option<DirectoryInfo>("--recordings") { Description = "Folder of NAME.wav with reference notes (NAME.notes.csv or --reference-suffix).", Required = true };
        var suffix = new Option<string>("--reference-suffix") { Description = "What follows NAME in the reference file's name.", DefaultValueFactory = _ => ".notes.csv" };
        var splits = new SplitOptions(required: "validation");   // never the recordings you report on
        var latency = new Option<int>("--latency") { Description = $"Fit for the plugin's live output at this Latency step ({LatencySteps.List} ms); -1 = offline. Not with --every-step or --steps, which fit each head at its own step.", DefaultValueFactory = _ => 60 };
        var also = new Option<DirectoryInfo[]>("--also") { Description = "Another folder of development takes scored whole (every take in it, no split), e.g. `a2m synth` takes; repeatable. A grid point's score is then the mean of each folder's mean COnP F1, so settings are not fitted to one source.", AllowMultipleArgumentsPerToken = false };
        var alsoSuffix = new Option<string>("--also-reference-suffix") { Description = "What follows NAME in the reference files of the --also folders.", DefaultValueFactory = _ => ".mid" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the grid's best points without changing the manifest." };
        var everyStep = new Option<bool>("--every-step") { Description = $"An f0 model: fit each head at its own Latency step ({LatencySteps.List} ms), one after the other (offline uses the longest step's head)." };
        var steps = new Option<string?>("--steps") { Description = $"An f0 model: fit only the heads of these Latency steps (comma-separated ms, 0 = Instant), each at its own step; the other heads keep their settings. E.g. `--steps 0,30,60` refits the short heads on your own singing and leaves the long ones as they are (done for the shipped recipe on hust-solfege alone, it gained +0.010 / +0.000 / +0.005 at Instant / 30 / 60 ms on six held-out splits: training/runs/f0-fit-short-PLAN.md)." };
        var command = new Command("fit-decoder", "Choose a model's decoder thresholds by COnP F1 on a validation split (and any --also folders) and write them into its manifest. "
            + "A spectral model: a grid of onset, frame and off thresholds, start, settle and release frames. "
            + "An f0 model: the onset threshold and frame-start confirmation of the head the step runs (each head its own).")
        {
            model, folder, suffix, also, alsoSuffix, latency, dryRun, everyStep, steps,
        };
        foreach (Option o in splits.All) command.Options.Add(o);
        command.SetAction(parse =>
        {
            try
            {
                string onnx = parse.GetValue(model)!.FullName;
                string manifestPath = ModelPreset.ManifestPathOf(onnx);
                ModelManifest manifest = ModelManifestJson.Read(manifestPath);
                string chosen = parse.GetValue(splits.Split)!;
                if (chosen.Equals("test", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException("--split test: fit on validation (or train) and keep the test split for reporting");
                int ms = parse.GetValue(latency);
                if (ms >= 0 && !LatencySteps.IsStep(ms)) throw new ArgumentException($"--latency {ms}: use one of {LatencySteps.List} ms, or -1 for offline");
                bool every = parse.GetValue(everyStep);
                if (every && !manifest.IsF0) throw new ArgumentException($"--every-step is for f0 models (one head per step); {onnx} is a {manifest.Kind} model");
                string? stepList = parse.GetValue(steps);
                if (stepList is not null && !manifest.IsF0) throw new ArgumentException($"--steps is for f0 models (one head per step); {onnx} is a {manifest.Kind} model");
                if (stepList is not null && every) throw new ArgumentException("--steps and --every-step: give one (--every-step fits every step)");
                if ((stepList is not null || every) && parse.GetResult(latency) is { Implicit: false })
                    throw new ArgumentException($"--latency and {(every ? "--every-step" : "--steps")}: give one (each head is fitted at its own step)");
                IReadOnlyList<int> fittedSteps = stepList is not null ? LatencyOption.ParseSteps(stepList, "--steps") : every ? LatencySteps.Milliseconds : [ms];
                string recordings = parse.GetValue(folder)!.FullName, referenceSuffix = parse.GetValue(suffix)!;
                Func<string, bool> include = splits.Filter(parse, recordings, referenceSuffix)!;
                DirectoryInfo[] extra = parse.GetValue(also) ?? [];
                foreach (DirectoryInfo d in extra)
                    if (!d.Exists) throw new DirectoryNotFoundException($"--also {d.FullName}: no such folder");
                DecoderFit.Source[] sources = [new(recordings, referenceSuffix, include), .. extra.Select(d => new DecoderFit.Source(d.FullName, parse.GetValue(alsoSuffix)!, null))];
                string scoredOn = $"the {chosen} split" + string.Concat(extra.Select(d => $" and all of {d.Name}"));
                if (extra.Length > 0) Console.WriteLine($"scoring each point on {scoredOn}: the mean of their mean COnP F1");
                var progress = new SynchronousProgress<(int Done, int Total)>(p => { if (p.Done % 10 == 0 || p.Done == p.Total) Console.Error.WriteLine($"fitted {p.Done}/{p.Total} grid points"); });

                ModelManifest fitted;
                if (manifest.IsF0)
                {
                    fitted = manifest;
                    var heads = new HashSet<int>();
                    var summary = new List<string>();
                    foreach (int step in fittedSteps)
                    {
                        int head = manifest.F0!.HeadFor(step);
                        if (!heads.Add(head)) continue;   // a head two steps share is fitted at the first
                        DecoderSettings present = manifest.F0DecoderFor(head);
                        var options = Options(onnx, step, present);
                        Console.WriteLine($"{Step(step)}: head {head} ({manifest.F0.DelayFrames[head]} frames of look-ahead)");
                        var results = DecoderFit.Run(sources, options, progress, DecoderFit.F0HeadGrid(present).ToList());
                        foreach ((DecoderSettings d, double f1) in results.Take(5))
                            Console.WriteLine($"  COnP F1 {f1:0.000}: onset {d.OnsetThreshold}, frame start frames {d.FrameStartFrames}");
                        double presentScore = ScoreOf(results, present);
                        Console.WriteLine($"  the manifest's present onset {present.OnsetThreshold}, frame start frames {present.FrameStartFrames} score {presentScore:0.000}");
                        (DecoderSettings best, double bestScore) = results[0];
                        fitted = fitted.WithF0Decoder(head, best);
                        summary.Add($"  {Step(step),-8} onset {present.OnsetThreshold} -> {best.OnsetThreshold}, frame start frames {present.FrameStartFrames} -> {best.FrameStartFrames}, COnP F1 {presentScore:0.000} -> {bestScore:0.000}");
                    }
                    if (summary.Count > 1)
                    {
                        Console.WriteLine("per step, the manifest's settings -> the fitted ones:");
                        summary.ForEach(Console.WriteLine);
                    }
                }
                else
                {
                    var options = Options(onnx, ms, manifest.Decoder);
                    var results = DecoderFit.Run(sources, options, progress);
                    foreach ((DecoderSettings d, double f1) in results.Take(5))
                        Console.WriteLine($"COnP F1 {f1:0.000}: onset {d.OnsetThreshold}, frame {d.FrameThreshold}, off {d.FrameOffThreshold}, start frames {d.FrameStartFrames}, release frames {d.ReleaseFrames}, onset settle frames {d.OnsetSettleFrames}");
                    Console.WriteLine($"the manifest's present thresholds score {ScoreOf(results, manifest.Decoder):0.000}");
                    fitted = manifest with { Decoder = results[0].Decoder };
                }
                if (!parse.GetValue(dryRun))
                {
                    ModelManifestJson.Write(manifestPath, fitted);
                    string where = every ? "each head at its own step" : stepList is not null ? $"the heads of {string.Join(", ", fittedSteps.Select(Step))}, each at its own step" : ms >= 0 ? $"live at {ms} ms" : "offline";
                    Console.WriteLine($"wrote the best thresholds into {manifestPath} (fitted {where} on {scoredOn})");
                }
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Transcription at a Latency step (negative: offline) with the thresholds to start from; they are scored too, so the new ones are compared with them.</summary>
    private static TranscriptionOptions Options(string onnx, int ms, DecoderSettings present) =>
        new() { Live = ms >= 0, LatencyMs = Math.Max(0, ms), ModelPath = onnx, Decoder = present };

    private static double ScoreOf(IReadOnlyList<(DecoderSettings Decoder, double F1)> results, DecoderSettings d) => results.First(r => r.Decoder == d).F1;

    private static string Step(int ms) => ms >= 0 ? LatencySteps.Name(ms) : "offline";
}
