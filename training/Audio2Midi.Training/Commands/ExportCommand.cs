using System.CommandLine;
using Audio2Midi.Models;
using Audio2Midi.Training.Learning;
using Audio2Midi.Training.Onnx;

namespace Audio2Midi.Training.Commands;

/// <summary>`a2m export`: a training run's best checkpoint as MODEL.onnx plus its preset manifest MODEL.json.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var run = new Argument<DirectoryInfo>("run") { Description = "Training run folder (`a2m train --out`)." };
        var output = new Option<FileInfo>("--out", "-o") { Description = "ONNX file to write; the manifest goes beside it with .json.", Required = true };
        var name = new Option<string?>("--name") { Description = "Preset name shown to users (default: the file name)." };
        var trainedOn = new Option<string[]>("--trained-on") { Description = "The training data and its licence, for the manifest (repeatable), e.g. \"HUST_Solfege (MIT) recordings with SSVD v2.0 offsets\". Default: the cache folders the run used.", AllowMultipleArgumentsPerToken = true };
        var onset = new Option<double>("--onset-threshold") { Description = "Decoder: onset probability that starts a note.", DefaultValueFactory = _ => new DecoderSettings().OnsetThreshold };
        var frame = new Option<double>("--frame-threshold") { Description = "Decoder: frame probability that starts (or moves) a note without an onset.", DefaultValueFactory = _ => new DecoderSettings().FrameThreshold };
        var frameOff = new Option<double>("--frame-off-threshold") { Description = "Decoder: frame probability below which a note ends.", DefaultValueFactory = _ => new DecoderSettings().FrameOffThreshold };
        var lookAhead = new Option<double?>("--look-ahead") { Description = $"Windowed models: milliseconds of future each frame sees when the model runs live over its sliding window (default {ModelExporter.DefaultWindowedLookAheadMs}); more is more accurate and later. Live models have none." };
        var install = new Option<bool>("--install") { Description = $"Also copy the model into your preset folder ({Audio2Midi.Presets.PresetFolders.User}), so the plugin's preset menu lists it the next time it starts." };
        var command = new Command("export", "Export a trained model as ONNX (opset 17) with its preset manifest: feature parameters, pitch range, decoder thresholds, training data and licence, validation figures, SHA-256.")
        {
            run, output, name, trainedOn, onset, frame, frameOff, lookAhead, install,
        };
        command.SetAction(parse =>
        {
            try
            {
                string onnx = parse.GetValue(output)!.FullName;
                using TrainedRun trained = TrainedRun.Load(parse.GetValue(run)!.FullName);
                var decoder = new DecoderSettings { OnsetThreshold = parse.GetValue(onset), FrameThreshold = parse.GetValue(frame), FrameOffThreshold = parse.GetValue(frameOff) };
                decoder.Validate();
                string[] data = parse.GetValue(trainedOn) is { Length: > 0 } given ? given
                    : trained.Options.Data.Count > 0 ? trained.Options.Data.Select(d => $"{d} (licence not recorded: pass --trained-on)").ToArray()
                    : ["not recorded (pass --trained-on)"];
                ModelManifest manifest = ModelExporter.Export(trained, onnx, parse.GetValue(name) ?? Path.GetFileNameWithoutExtension(onnx), data, decoder, ValidationFigures(trained), parse.GetValue(lookAhead));
                Console.Error.WriteLine($"wrote {onnx} ({new FileInfo(onnx).Length / 1024.0:0} KiB, {manifest.Kind}, {(manifest.Live ? "live" : "windowed")}, latency {manifest.LatencyMs:0.#} ms) and {ModelPreset.ManifestPathOf(onnx)}");
                if (parse.GetValue(install))
                {
                    string installed = Audio2Midi.Presets.PresetInstaller.Install(onnx, Audio2Midi.Presets.PresetFolders.User);
                    Console.Error.WriteLine($"installed '{manifest.Name}' as {installed}; the plugin lists it the next time it starts (`a2m presets` shows the menu)");
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

    /// <summary>The best epoch's row of the run's log.</summary>
    private static Dictionary<string, double> ValidationFigures(TrainedRun run)
    {
        var figures = new Dictionary<string, double>();
        TrainState? state = File.Exists(run.Folder.State) ? run.Folder.ReadState() : null;
        EpochRecord? best = EpochRecord.ReadLog(run.Folder.Log).FirstOrDefault(r => r.Epoch == state?.BestEpoch);
        if (best is null) return figures;
        figures["epoch"] = best.Epoch;
        figures["loss"] = best.ValidationLoss;
        figures["frame_f1"] = best.FrameF1;
        figures["onset_f1"] = best.OnsetF1;
        return figures;
    }
}
