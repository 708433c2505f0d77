namespace Audio2Midi.Presets;

/// <summary>Where a preset was found.</summary>
public enum PresetSource
{
    /// <summary>Compiled in: the pYIN engine needs no file.</summary>
    BuiltIn,

    /// <summary>In the plugin bundle's resources (or the repository's training/presets).</summary>
    Shipped,

    /// <summary>In the per-user preset folder (`a2m export --install`).</summary>
    User,
}
