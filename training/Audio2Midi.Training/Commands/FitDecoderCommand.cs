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
        var cache = new Option<DirectoryInfo>("--cache") { Description = "Dataset cache whose split names the recordings to fit on.", Required = true };
        var split = new Option<string>("--split") { Description = "The split to fit on: validation (default) or train. Never the recordings you report on.", DefaultValueFactory = _ => "validation" };
        var latency = new Option<int>("--latency") { Description = $"Fit for the plugin's live output at this Latency step ({LatencySteps.List} ms); -1 = offline.", DefaultValueFactory = _ => 60 };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the grid's best points without changing the manifest." };
        var command = new Command("fit-decoder", "Choose a model's decoder thresholds by COnP F1 on a validation split (a grid of onset, frame and off thresholds) and write them into its manifest.")
        {
            model, folder, suffix, cache, split, latency, dryRun,
        };
        command.SetAction(parse =>
        {
            try
            {
                string onnx = parse.GetValue(model)!.FullName;
                string manifestPath = ModelPreset.ManifestPathOf(onnx);
                ModelManifest manifest = ModelManifestJson.Read(manifestPath);
                string chosen = parse.GetValue(split)!;
                if (chosen.Equals("test", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException("--split test: fit on validation (or train) and keep the test split for reporting");
                int ms = parse.GetValue(latency);
                bool live = ms >= 0;
                if (live && !LatencySteps.IsStep(ms)) throw new ArgumentException($"--latency {ms}: use one of {LatencySteps.List} ms, or -1 for offline");
                Func<string, bool> include = EvaluateCommand.SplitFilter(chosen, parse.GetValue(cache))!;
                // The manifest's present thresholds are scored too, so the new ones are compared with them.
                var options = new TranscriptionOptions { Live = live, LatencyMs = live ? ms : 0, ModelPath = onnx, Decoder = manifest.Decoder };
                var results = DecoderFit.Run(parse.GetValue(folder)!.FullName, parse.GetValue(suffix)!, options, include,
                    new SynchronousProgress<(int Done, int Total)>(p => { if (p.Done % 10 == 0 || p.Done == p.Total) Console.Error.WriteLine($"fitted {p.Done}/{p.Total} grid points"); }));
                foreach ((DecoderSettings d, double f1) in results.Take(5))
                    Console.WriteLine($"COnP F1 {f1:0.000}: onset {d.OnsetThreshold}, frame {d.FrameThreshold}, off {d.FrameOffThreshold}, start frames {d.FrameStartFrames}, release frames {d.ReleaseFrames}, onset settle frames {d.OnsetSettleFrames}");
                double current = results.FirstOrDefault(r => r.Decoder == manifest.Decoder).F1;
                Console.WriteLine($"the manifest's present thresholds score {current:0.000}");
                if (!parse.GetValue(dryRun))
                {
                    ModelManifestJson.Write(manifestPath, manifest with { Decoder = results[0].Decoder });
                    Console.WriteLine($"wrote the best thresholds into {manifestPath} (fitted {(live ? $"live at {ms} ms" : "offline")} on the {chosen} split)");
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
}
