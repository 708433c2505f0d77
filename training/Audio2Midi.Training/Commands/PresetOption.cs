using System.CommandLine;
using Audio2Midi.Presets;

namespace Audio2Midi.Training.Commands;

/// <summary>
/// `--preset NAME`, shared by `transcribe` and `evaluate`: a name from the plugin's preset menu (`a2m presets`),
/// resolved to the model file it names, or to the pYIN engine.
/// </summary>
public static class PresetOption
{
    public static Option<string?> Create() => new("--preset", "-p")
    {
        Description = "Run a preset by the name the plugin's menu shows (`a2m presets` lists them): a shipped or installed model, or \"pYIN (live)\". Instead of --model.",
    };

    /// <summary>
    /// The model path a run should use (null = pYIN): <paramref name="model"/> itself, or the manifest of preset
    /// <paramref name="preset"/>. False with an error to print when the preset is unknown or both are given.
    /// </summary>
    public static bool TryResolve(string? preset, FileInfo? model, out string? modelPath, out string? error) =>
        TryResolve(preset, model, out modelPath, out _, out error);

    /// <param name="pyinPitch">True for a hybrid preset (the model's notes, pYIN's pitch).</param>
    public static bool TryResolve(string? preset, FileInfo? model, out string? modelPath, out bool pyinPitch, out string? error)
    {
        modelPath = model?.FullName;
        pyinPitch = false;
        error = null;
        if (preset is null) return true;
        if (model is not null)
        {
            error = "error: give --model or --preset, not both";
            return false;
        }
        PresetCatalog catalog = CliPresets.Catalog();
        PresetEntry? entry = catalog.Find(preset);
        if (entry is null)
        {
            error = $"error: no preset named '{preset}'; `a2m presets` lists {string.Join(", ", catalog.Entries.Select(e => $"'{e.Name}'"))}";
            return false;
        }
        modelPath = entry.ManifestPath;
        pyinPitch = entry.PyinPitch;
        return true;
    }
}
