using System.CommandLine;
using Audio2Midi.Models;
using Audio2Midi.Training.F0;

namespace Audio2Midi.Training.Commands;

/// <summary>`a2m ensemble-f0`: several f0 note models with the same heads as one preset that averages them.</summary>
public static class EnsembleF0Command
{
    public static Command Create()
    {
        var models = new Argument<FileInfo[]>("models") { Description = "Two or more f0 note models (MODEL.onnx with MODEL.json beside it) with the same heads, e.g. runs of one recipe with other --training-seed values.", Arity = new ArgumentArity(2, 16) };
        var output = new Option<FileInfo>("--output", "-o") { Description = "MODEL.onnx to write, with MODEL.json beside it.", Required = true };
        var name = new Option<string>("--name") { Description = "The preset's name, as the plugin's menu shows it.", DefaultValueFactory = _ => "F0 notes (ensemble)" };
        var headsFrom = new Option<string?>("--heads-from") { Description = "Instead of the mean: for each head (Instant first, e.g. 1,1,1,2,2 for five heads) the number of the model (1 = the first given) whose outputs that head takes whole. A model may itself be an ensemble. A head and the head it fills in onsets from must come from one model." };
        var command = new Command("ensemble-f0", "Average f0 note models: one preset whose posteriors are the mean of theirs (one ONNX session; the decoder thresholds are the first model's).")
        {
            models, output, name, headsFrom,
        };
        command.SetAction(parse =>
        {
            try
            {
                string[] members = parse.GetValue(models)!.Select(f => f.FullName).ToArray();
                string onnx = parse.GetValue(output)!.FullName;
                int[]? from = parse.GetValue(headsFrom) is { } text ? ParseHeadsFrom(text) : null;
                ModelManifest manifest = F0Ensemble.Write(members, onnx, parse.GetValue(name)!, from);
                using (ModelPreset.Load(onnx)) { } // the written preset loads as the plugin would load it
                Console.Error.WriteLine($"wrote {onnx} and {ModelPreset.ManifestPathOf(onnx)}: " + (from is null ? $"the mean of {members.Length} models" : $"heads from models {string.Join(",", from.Select(m => m + 1))}") + $", heads {string.Join(", ", manifest.F0!.DelayFrames)} frames; score it with `a2m evaluate DIR --model {onnx}`");
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>"1,1,2" -> member indices 0,0,1.</summary>
    private static int[] ParseHeadsFrom(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries).Select(part => int.TryParse(part, out int m) && m >= 1 ? m - 1
            : throw new ArgumentException($"--heads-from: '{part}' is not a model number (1 = the first model given)")).ToArray();
}
