using System.Security.Cryptography;
using Audio2Midi.Features;

namespace Audio2Midi.Models;

/// <summary>
/// A model file with its manifest, loaded and checked: the manifest parses and is of a known format, the ONNX file
/// is the one it names (same SHA-256), and ONNX Runtime accepts it with the inputs and outputs the manifest implies.
/// </summary>
public sealed class ModelPreset : IDisposable
{
    private ModelPreset(string manifestPath, ModelManifest manifest, OnnxFrameModel model, string sha256, bool background)
    {
        ManifestPath = manifestPath;
        Manifest = manifest;
        Model = model;
        Sha256 = sha256;
        FrameModel = model.Streams ? model : new SlidingWindowModel(model, manifest.WindowFrames, manifest.LookAheadFrames, background);
    }

    public string ManifestPath { get; }

    public ModelManifest Manifest { get; }

    public OnnxFrameModel Model { get; }

    /// <summary>What the live engine steps frame by frame: the model itself if it streams, else its sliding window.</summary>
    public IFrameModel FrameModel { get; }

    /// <summary>SHA-256 of the ONNX file as loaded (equal to the manifest's): the preset's content identity.</summary>
    public string Sha256 { get; }

    /// <summary>The manifest path of a model given as MODEL.onnx or MODEL.json.</summary>
    public static string ManifestPathOf(string path) =>
        path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? Path.ChangeExtension(path, ModelManifest.Extension) : path;

    /// <summary>Loads MODEL.onnx (with MODEL.json beside it) or MODEL.json; allocates, never on the audio thread.</summary>
    /// <param name="backgroundWindows">A windowed model's live runs go to a worker thread (the plugin); else they run in the caller's step.</param>
    public static ModelPreset Load(string path, bool backgroundWindows = false)
    {
        string manifestPath = ManifestPathOf(path);
        if (!File.Exists(manifestPath)) throw new InvalidDataException($"{manifestPath}: missing; a model needs the manifest `a2m export` writes beside it");
        ModelManifest manifest = ModelManifestJson.Read(manifestPath);
        string onnx = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, manifest.OnnxFile);
        if (!File.Exists(onnx)) throw new InvalidDataException($"{onnx}: missing (named by {manifestPath})");
        byte[] bytes = File.ReadAllBytes(onnx);
        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(hash, manifest.OnnxSha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{onnx}: its SHA-256 is {hash}, but {manifestPath} names {manifest.OnnxSha256}; the file was changed or truncated");
        var model = new OnnxFrameModel(onnx, bytes);
        try
        {
            (int inputs, int outputs) = manifest.IsF0 ? (manifest.F0Features.Width(), manifest.F0!.Size) : (manifest.Cqt.Cqt.BinCount, manifest.Layout.Size);
            if (model.InputBins != inputs || model.OutputSize != outputs)
                throw new InvalidDataException($"{onnx}: takes {model.InputBins} inputs and gives {model.OutputSize} outputs; its manifest implies {inputs} and {outputs}");
            if (model.Streams != manifest.Live)
                throw new InvalidDataException($"{onnx}: {(model.Streams ? "streams" : "does not stream")}, but its manifest says {(manifest.Live ? "live" : "windowed")}");
            return new ModelPreset(manifestPath, manifest, model, hash, backgroundWindows);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!ReferenceEquals(FrameModel, Model)) FrameModel.Dispose();
        Model.Dispose();
    }
}
