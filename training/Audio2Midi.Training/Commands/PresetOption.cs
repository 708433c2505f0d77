using System.CommandLine;
using Audio2Midi.Presets;

namespace Audio2Midi.Training.Commands;

/// <summary>
/// The engine options `transcribe` and `evaluate` share beside `--model`: `--preset NAME`, a name from the plugin's
/// preset menu (`a2m presets`) resolved to the model file it names or to the pYIN engine, and `--pyin-pitch`, the
/// hybrid of a model with pYIN's pitch.
/// </summary>
public sealed class PresetOption
{
    public Option<string?> Preset { get; } = new("--preset", "-p")
    {
        Description = $"Run a preset by the name the plugin's menu shows (`a2m presets` lists them): a shipped or installed model, or \"{PresetEntry.PyinName}\". Instead of --model. Default: \"{PresetCatalog.DefaultName}\" (pYIN where it is not shipped, or with --decoder-lag).",
    };

    public Option<bool> PyinPitch { get; } = new("--pyin-pitch")
    {
        Description = "With a live --model or --preset: the hybrid, the model's note starts and ends with pYIN's pitch. Measured worse than either alone on hust-solfege (docs/plugin.md, Presets); for experiments.",
    };

    /// <summary>
    /// A second engine named on the command line (evaluate's `--against`): a MODEL.onnx (its MODEL.json beside it; the
    /// path of an existing file, or any name ending in .onnx) or a preset name as `a2m presets` lists it; its model path,
    /// null for pYIN. False with an error naming the file or listing the presets when neither fits.
    /// </summary>
    public static bool TryResolveEngine(string value, out string? modelPath, out string? error)
    {
        modelPath = null;
        error = null;
        if (File.Exists(value) || value.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(value))
            {
                error = $"error: {Path.GetFullPath(value)}: model not found";
                return false;
            }
            modelPath = Path.GetFullPath(value);
            return true;
        }
        PresetEntry? entry = FindPreset(value, out string known);
        if (entry is null)
        {
            error = $"error: '{value}' is neither a MODEL.onnx nor a preset; `a2m presets` lists {known}";
            return false;
        }
        modelPath = entry.ManifestPath;
        return true;
    }

    /// <summary>
    /// The model path a run should use (null = pYIN): <paramref name="model"/> itself, or the manifest of the preset
    /// named, or with neither the default preset's (<see cref="PresetCatalog.DefaultName"/>, as the plugin starts on;
    /// pYIN when <paramref name="pyinOption"/>, an option only pYIN has, was given); and whether pYIN names its pitches.
    /// False with an error to print when the preset is unknown, both --model and --preset are given, or --pyin-pitch
    /// has no model to go with.
    /// </summary>
    public bool TryResolve(ParseResult parse, FileInfo? model, out string? modelPath, out bool pyinPitch, out string? error, bool pyinOption = false)
    {
        modelPath = model?.FullName;
        pyinPitch = parse.GetValue(PyinPitch);
        error = null;
        if (model is null && parse.GetValue(Preset) is null && !pyinOption && !pyinPitch)
        {
            PresetCatalog catalog = CliPresets.Catalog();
            modelPath = catalog[catalog.DefaultIndex].ManifestPath;
        }
        if (parse.GetValue(Preset) is string preset)
        {
            if (model is not null)
            {
                error = "error: give --model or --preset, not both";
                return false;
            }
            PresetEntry? entry = FindPreset(preset, out string known);
            if (entry is null)
            {
                error = $"error: no preset named '{preset}'; `a2m presets` lists {known}";
                return false;
            }
            modelPath = entry.ManifestPath;
        }
        if (pyinPitch && modelPath is null)
        {
            error = "error: --pyin-pitch needs a live model (--model or a model --preset)";
            return false;
        }
        return true;
    }

    /// <summary>The preset the menu shows by that name, or null; <paramref name="known"/>: every name it shows, quoted, for the error.</summary>
    private static PresetEntry? FindPreset(string name, out string known)
    {
        PresetCatalog catalog = CliPresets.Catalog();
        known = string.Join(", ", catalog.Entries.Select(e => $"'{e.Name}'"));
        return catalog.Find(name);
    }
}
