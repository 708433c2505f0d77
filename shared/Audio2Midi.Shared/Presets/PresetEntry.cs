using Audio2Midi.Models;

namespace Audio2Midi.Presets;

/// <summary>
/// One line of the preset menu: what the plugin and `a2m presets` show, found by <see cref="PresetCatalog"/> from a
/// manifest alone (cheap; the model is loaded and checked only when the preset is selected).
/// </summary>
/// <param name="Name">Unique within a catalog; what states and `--preset` name.</param>
/// <param name="Kind">"pyin", "live", "crnn", ...</param>
/// <param name="Live">True for engines that stream frame by frame; false for windowed models (sliding window live).</param>
/// <param name="LatencyMs">From a sung frame to its posteriors (the engine's own delay, before any Latency step).</param>
/// <param name="ManifestPath">The MODEL.json; null for the built-in pYIN engine.</param>
/// <param name="Sha256">The ONNX file's SHA-256 as its manifest names it; null for pYIN.</param>
public sealed record PresetEntry(string Name, string Kind, bool Live, double LatencyMs, PresetSource Source, string? ManifestPath, string? Sha256)
{
    public const string PyinName = "pYIN (live)";

    /// <summary>The built-in pYIN engine: always first, always there, the fallback of every model preset.</summary>
    public static PresetEntry Pyin { get; } = new(PyinName, "pyin", true, 0, PresetSource.BuiltIn, null, null);

    public bool IsModel => ManifestPath is not null;

    /// <summary>The least Latency this preset runs at (windowed models: their latency, see <see cref="Placement.LatencySteps.FloorMs"/>).</summary>
    public int FloorMs => Placement.LatencySteps.FloorMs(Live, LatencyMs);

    public static PresetEntry FromManifest(string manifestPath, ModelManifest m, PresetSource source, string? name = null) =>
        new(name ?? m.Name, m.Kind, m.Live, m.LatencyMs, source, Path.GetFullPath(manifestPath), m.OnnxSha256.ToLowerInvariant());
}
