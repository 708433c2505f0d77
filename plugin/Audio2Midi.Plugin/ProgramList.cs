using Audio2Midi.Plugin.Interop;
using Audio2Midi.Presets;

namespace Audio2Midi.Plugin;

/// <summary>
/// The presets a user picks from (the Preset parameter, backed by the IUnitInfo program list): the built-in pYIN
/// engine, the models shipped in the bundle's Contents/Resources/presets, and the user's folder
/// (<see cref="PresetFolders.User"/>), scanned once when the module is first used. As a managed assembly (tests) the
/// shipped folder is the repository's training/presets, which the bundle copies.
/// </summary>
internal static class ProgramList
{
    public const int Id = 1;
    public const string ListName = "Presets";

    private static readonly Lazy<PresetCatalog> s_catalog = new(Scan);

    public static PresetCatalog Catalog => s_catalog.Value;

    public static int Count => Catalog.Count;

    public static string[] Names => Catalog.Entries.Select(e => e.Name).ToArray();

    public static string Name(int index) => Catalog[index].Name;

    public static PresetEntry Entry(int index) => Catalog[Math.Clamp(index, 0, Count - 1)];

    /// <summary>Names the preset new instances start on (default: pYIN, the best measured on vocadito so far).</summary>
    public const string DefaultPresetVariable = "AUDIO2MIDI_DEFAULT_PRESET";

    /// <summary>The program new instances start on: the one <see cref="DefaultPresetVariable"/> names if it is in the menu, else pYIN.</summary>
    public static int DefaultProgram =>
        Environment.GetEnvironmentVariable(DefaultPresetVariable) is { Length: > 0 } name && Catalog.IndexOf(name) is int i and >= 0 ? i : 0;

    public static string? ShippedFolder => ModuleLocation.NativeBinaryPath is string binary
        ? PresetFolders.OfBundleBinary(binary)
        : PresetFolders.InRepositoryAbove(AppContext.BaseDirectory);

    private static PresetCatalog Scan()
    {
        var catalog = new PresetCatalog(ShippedFolder, PresetFolders.User);
        PluginLog.Write($"{ModuleLocation.NativeBinaryPath ?? "managed plugin assembly"}: presets: {catalog.Count} ({string.Join(", ", catalog.Entries.Select(e => e.Name))}); shipped {catalog.ShippedFolder ?? "none"}, user {catalog.UserFolder}");
        foreach (string problem in catalog.Problems) PluginLog.Write($"preset skipped: {problem}");
        return catalog;
    }
}
