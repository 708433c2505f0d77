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
