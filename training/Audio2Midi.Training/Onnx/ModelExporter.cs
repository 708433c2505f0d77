using System.Security.Cryptography;
using Audio2Midi.Models;
using Audio2Midi.Training.Learning;
using Audio2Midi.Training.Models;

namespace Audio2Midi.Training.Onnx;

/// <summary>
/// `a2m export`: a trained run's best network as an ONNX file (opset 17, weights as raw data) with its preset
/// manifest beside it (<see cref="ModelManifest"/>): MODEL.onnx and MODEL.json.
/// </summary>
public static class ModelExporter
{
    public static byte[] ToOnnx(IFrameNetwork network, string name)
    {
        var graph = new OnnxGraph(name);
        network.Export(graph);
        var metadata = new Dictionary<string, string>
        {
            ["audio2midi.kind"] = ModelKinds.Name(network.Config.Kind),
            ["audio2midi.min_pitch"] = network.Layout.MinPitch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["audio2midi.pitches"] = network.Layout.Pitches.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return graph.ToModelBytes(metadata, typeof(ModelExporter).Assembly.GetName().Version?.ToString() ?? "0");
    }

    /// <summary>Live look-ahead a windowed model gets when the export names none.</summary>
    public const double DefaultWindowedLookAheadMs = 500;

    /// <summary>Writes <paramref name="onnxPath"/> and its manifest; returns the manifest.</summary>
    /// <param name="lookAheadMs">Windowed models: the look-ahead the live sliding window gives each frame (default <see cref="DefaultWindowedLookAheadMs"/>); ignored for live models.</param>
    public static ModelManifest Export(TrainedRun run, string onnxPath, string name, IReadOnlyList<string> trainedOn, DecoderSettings decoder, IReadOnlyDictionary<string, double> validation,
        double? lookAheadMs = null)
    {
        if (!onnxPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException($"{onnxPath}: the model file must end in .onnx");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(onnxPath));
        if (folder is not null) Directory.CreateDirectory(folder);
        byte[] bytes = ToOnnx(run.Network, name);
        File.WriteAllBytes(onnxPath, bytes);
        var manifest = new ModelManifest
        {
            Name = name,
            Kind = ModelKinds.Name(run.Options.Model.Kind),
            Live = run.Network.Streams,
            LookAheadFrames = run.Network.Streams ? 0 : LookAheadFrames(run, lookAheadMs ?? DefaultWindowedLookAheadMs),
            WindowFrames = run.Network.Streams ? 0 : run.Network.LookAheadFrames,
            OnnxFile = Path.GetFileName(onnxPath),
            OnnxSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Features = run.Features,
            MinPitch = run.Layout.MinPitch,
            Pitches = run.Layout.Pitches,
            Decoder = decoder,
            TrainedOn = trainedOn,
            Validation = validation,
            Producer = $"a2m export of the training run '{Path.GetFileName(Path.TrimEndingDirectorySeparator(run.Folder.Directory))}'",
        };
        manifest.Validate(onnxPath);
        ModelManifestJson.Write(ModelPreset.ManifestPathOf(onnxPath), manifest);
        return manifest;
    }

    /// <summary>Milliseconds of live look-ahead in frames, at most what the window leaves beside the runner's hop.</summary>
    private static int LookAheadFrames(TrainedRun run, double ms)
    {
        int window = run.Network.LookAheadFrames;
        int most = window - SlidingWindowModel.HopFrames;
        int frames = (int)Math.Round(ms / 1000.0 * run.Features.Cqt.FramesPerSecond);
        if (ms < 0 || frames > most)
            throw new ArgumentException($"look-ahead {ms} ms is outside 0..{most * 1000.0 / run.Features.Cqt.FramesPerSecond:0} ms for a {window}-frame window");
        return frames;
    }
}
