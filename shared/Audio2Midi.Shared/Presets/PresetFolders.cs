namespace Audio2Midi.Presets;

/// <summary>
/// Where presets live. The per-user folder is <c>%APPDATA%\Audio2Midi\presets</c> on Windows and
/// <c>$XDG_DATA_HOME/Audio2Midi/presets</c> (default <c>~/.local/share/Audio2Midi/presets</c>) elsewhere; the
/// environment variable <see cref="OverrideVariable"/> replaces it (tests, portable setups). Shipped presets are the
/// bundle's <c>Contents/Resources/presets</c>, built from the repository's <c>training/presets</c>.
/// </summary>
public static class PresetFolders
{
    public const string OverrideVariable = "AUDIO2MIDI_PRESETS";

    /// <summary>The bundle's folder of shipped presets, relative to its Contents folder.</summary>
    public static readonly string BundleRelative = Path.Combine("Resources", "presets");

    /// <summary>The repository folder the bundle's presets are copied from.</summary>
    public static readonly string RepositoryRelative = Path.Combine("training", "presets");

    public static string User
    {
        get
        {
            if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } overridden) return overridden;
            Environment.SpecialFolder root = OperatingSystem.IsWindows() ? Environment.SpecialFolder.ApplicationData : Environment.SpecialFolder.LocalApplicationData;
            string folder = Environment.GetFolderPath(root, Environment.SpecialFolderOption.DoNotVerify);
            if (folder.Length == 0) folder = Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? ".", ".local", "share");
            return Path.Combine(folder, "Audio2Midi", "presets");
        }
    }

    /// <summary>The shipped presets of a bundle given by its binary (Contents/ARCH/Audio2Midi.so): Contents/Resources/presets.</summary>
    public static string OfBundleBinary(string binaryPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(binaryPath)))!, BundleRelative);

    /// <summary>training/presets of the repository above <paramref name="start"/> (the folder holding Audio2Midi.sln), or null.</summary>
    public static string? InRepositoryAbove(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Audio2Midi.sln"))) return Path.Combine(dir.FullName, RepositoryRelative);
        return null;
    }
}
