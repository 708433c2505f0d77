using Audio2Midi.Presets;

namespace Audio2Midi.Training.Commands;

/// <summary>
/// The preset catalog as the command line sees it, the same menu the plugin builds: pYIN, the shipped presets (the
/// repository's training/presets, which the bundle's Resources/presets copies) and the user's folder.
/// </summary>
public static class CliPresets
{
    public static string? ShippedFolder =>
        PresetFolders.InRepositoryAbove(AppContext.BaseDirectory) ?? PresetFolders.InRepositoryAbove(Environment.CurrentDirectory);

    public static PresetCatalog Catalog() => new(ShippedFolder, PresetFolders.User);
}
