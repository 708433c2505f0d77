using Audio2Midi.Plugin.Interop;
using Audio2Midi.Presets;

namespace Audio2Midi.Plugin;

/// <summary>
/// The presets a user picks from (the Preset parameter, backed by the IUnitInfo program list): the built-in pYIN
/// engine, the models shipped in the bundle's Contents/Resources/presets, and the user's folder
/// (<see cref="PresetFolders.User"/>), scanned when the module is first used and again on <see cref="Rescan"/>. As a
/// managed assembly (tests) the shipped folder is the repository's training/presets, which the bundle copies.
/// <para>
/// One menu for every instance in the process. A rescan only appends (<see cref="PresetCatalog.Extended"/>), so the
/// program index every processor runs and every state resolves stays valid; the catalog is swapped whole, so the
/// audio thread reads either the old or the new one, never a half-built one.
/// </para>
/// </summary>
internal static class ProgramList
{
    public const int Id = 1;
    public const string ListName = "Presets";

    private static readonly Lock s_gate = new();
    private static PresetCatalog? s_catalog;

    public static PresetCatalog Catalog => Volatile.Read(ref s_catalog) ?? FirstScan();

    /// <summary>Raised on the thread that rescanned (the UI thread) after the menu grew: the menu's old and new length.</summary>
    public static event Action<int, int>? Changed;

    public static int Count => Catalog.Count;

    public static string[] Names => Catalog.Entries.Select(e => e.Name).ToArray();

    public static string Name(int index) => Catalog[index].Name;

    public static PresetEntry Entry(int index) => Catalog[Math.Clamp(index, 0, Count - 1)];

    /// <summary>Names the preset new instances start on instead of the default (<see cref="PresetCatalog.DefaultName"/>).</summary>
    public const string DefaultPresetVariable = "AUDIO2MIDI_DEFAULT_PRESET";

    /// <summary>
    /// The program new instances start on: the one <see cref="DefaultPresetVariable"/> names if it is in the menu, else the
    /// shipped default preset (<see cref="PresetCatalog.DefaultIndex"/>: the f0 note model, or pYIN where it is not shipped).
    /// </summary>
    public static int DefaultProgram =>
        Environment.GetEnvironmentVariable(DefaultPresetVariable) is { Length: > 0 } name && Catalog.IndexOf(name) is int i and >= 0 ? i : Catalog.DefaultIndex;

    public static string? ShippedFolder => ModuleLocation.NativeBinaryPath is string binary
        ? PresetFolders.OfBundleBinary(binary)
        : PresetFolders.InRepositoryAbove(AppContext.BaseDirectory);

    /// <summary>
    /// Reads the preset folders again (the user's "Rescan": a model just installed with `a2m export --install`) and
    /// appends what is new; the Preset parameter's range follows (<see cref="Parameters.PresetListChanged"/>) and
    /// <see cref="Changed"/> tells every controller, which tells its host. Returns how many presets were added. UI thread.
    /// </summary>
    public static int Rescan()
    {
        PresetCatalog old, extended;
        lock (s_gate)
        {
            old = Catalog;
            var fresh = new PresetCatalog(old.ShippedFolder, old.UserFolder);
            extended = old.Extended(fresh);
            if (ReferenceEquals(extended, old))
            {
                PluginLog.Write($"presets rescanned: nothing new ({old.Count})");
                return 0;
            }
            Volatile.Write(ref s_catalog, extended);
            Parameters.PresetListChanged();
        }
        PluginLog.Write($"presets rescanned: {extended.Count - old.Count} new ({string.Join(", ", extended.Entries.Skip(old.Count).Select(e => e.Name))})");
        foreach (string problem in extended.Problems.Except(old.Problems)) PluginLog.Write($"preset skipped: {problem}");
        Changed?.Invoke(old.Count, extended.Count);
        return extended.Count - old.Count;
    }

    private static PresetCatalog FirstScan()
    {
        lock (s_gate)
        {
            if (s_catalog is { } scanned) return scanned;
            var catalog = new PresetCatalog(ShippedFolder, PresetFolders.User);
            PluginLog.Write($"{ModuleLocation.NativeBinaryPath ?? "managed plugin assembly"}: presets: {catalog.Count} ({string.Join(", ", catalog.Entries.Select(e => e.Name))}); shipped {catalog.ShippedFolder ?? "none"}, user {catalog.UserFolder}");
            foreach (string problem in catalog.Problems) PluginLog.Write($"preset skipped: {problem}");
            Volatile.Write(ref s_catalog, catalog);
            return catalog;
        }
    }
}
