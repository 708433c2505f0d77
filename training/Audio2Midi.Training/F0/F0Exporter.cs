using System.Security.Cryptography;
using Audio2Midi.Models;

namespace Audio2Midi.Training.F0;

/// <summary>Writes a trained f0 note model as MODEL.onnx with its manifest MODEL.json (kind "f0"), ready as a preset.</summary>
public static class F0Exporter
{
    /// <summary>
    /// The decoder thresholds an f0 model ships with: frames are 5 ms (a start holds 30 ms, a release 20 ms). The onset
    /// threshold was chosen on the hust-solfege validation split at 60 ms (0.5 / 0.65 / 0.8: COnP F1 0.449 / 0.467 / 0.508).
    /// </summary>
    public static DecoderSettings DefaultDecoder { get; } = new()
    {
        OnsetThreshold = 0.8,
        FrameThreshold = 0.5,
        FrameOffThreshold = 0.4,
        FrameStartFrames = 6,
        ReleaseFrames = 4,
    };

    /// <summary>
    /// The onset threshold per head, by its look-ahead: fitted on the hust validation split and the synth dev set together
    /// (grid 0.5-0.9, the mean COnP F1 of both; docs/training.md): Instant 0.5, the short heads (30 and 60 ms) 0.9, and
    /// heads that have heard 100 ms or more 0.5 (their onsets are surer; at 250 ms 0.5 gave 0.696 where 0.8 gave 0.603).
    /// </summary>
    public static double DefaultOnsetThreshold(int delayFrames) => delayFrames == 0 ? 0.5 : delayFrames < 20 ? 0.9 : 0.5;

    public static ModelManifest Export(F0NoteNetwork network, string onnxPath, string name, IReadOnlyList<string> trainedOn, DecoderSettings decoder,
        IReadOnlyDictionary<string, double> validation, string producer)
    {
        if (!onnxPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException($"{onnxPath}: the model file must end in .onnx");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(onnxPath));
        if (folder is not null) Directory.CreateDirectory(folder);
        byte[] bytes = network.ToOnnx(name);
        File.WriteAllBytes(onnxPath, bytes);
        var manifest = new ModelManifest
        {
            Name = name,
            Kind = ModelManifest.F0Kind,
            Live = true,
            OnnxFile = Path.GetFileName(onnxPath),
            OnnxSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            F0 = network.Heads,
            F0OnsetThresholds = network.Heads.DelayFrames.Select(DefaultOnsetThreshold).ToArray(),
            MinPitch = 0,
            Pitches = 128,
            Decoder = decoder,
            TrainedOn = trainedOn,
            Validation = validation,
            Producer = producer,
        };
        manifest.Validate(onnxPath);
        ModelManifestJson.Write(ModelPreset.ManifestPathOf(onnxPath), manifest);
        return manifest;
    }
}
