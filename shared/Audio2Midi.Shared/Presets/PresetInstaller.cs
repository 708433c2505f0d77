using Audio2Midi.Models;

namespace Audio2Midi.Presets;

/// <summary>Copies an exported model (MODEL.onnx and MODEL.json) into a preset folder, checked first, so the plugin lists it when it next starts.</summary>
public static class PresetInstaller
{
    /// <summary>Returns the installed manifest's path. The model is loaded once to check it; a bad one is not installed.</summary>
    public static string Install(string modelPath, string folder)
    {
        string manifestPath = ModelPreset.ManifestPathOf(modelPath);
        using (ModelPreset.Load(manifestPath)) { }
        ModelManifest m = ModelManifestJson.Read(manifestPath);
        string onnx = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, m.OnnxFile);
        Directory.CreateDirectory(folder);
        string targetManifest = Path.Combine(folder, Path.GetFileName(manifestPath));
        string targetOnnx = Path.Combine(folder, m.OnnxFile);
        if (Path.GetFullPath(targetManifest) == Path.GetFullPath(manifestPath)) return targetManifest;
        // The model first and the manifest last: a scan in between sees no half-installed preset.
        File.Copy(onnx, targetOnnx, overwrite: true);
        File.Copy(manifestPath, targetManifest, overwrite: true);
        return targetManifest;
    }
}
