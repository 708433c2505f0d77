namespace Audio2Midi.Features;

/// <summary>Which numbers an f0 note model reads per frame; the manifest's <c>f0_features</c> (absent: <see cref="Pitch"/>, every model before 2026-12-04).</summary>
public enum F0FeatureSet
{
    /// <summary>The pitch-free f0 features alone (<see cref="F0FeatureFunction"/>).</summary>
    Pitch,

    /// <summary>Those, then how the sound changes (<see cref="SpectralChange"/>).</summary>
    PitchAndSpectrum,
}

public static class F0FeatureSets
{
    /// <summary>Numbers per frame.</summary>
    public static int Width(this F0FeatureSet set) =>
        set == F0FeatureSet.PitchAndSpectrum ? F0FeatureFunction.Width + SpectralChange.Width : F0FeatureFunction.Width;

    /// <summary>The manifest's spelling.</summary>
    public static string Name(this F0FeatureSet set) => set == F0FeatureSet.PitchAndSpectrum ? "pitch+spectrum" : "pitch";

    /// <summary>The set a manifest names; null for a name this build does not know.</summary>
    public static F0FeatureSet? Parse(string? name) => name switch
    {
        "pitch" => F0FeatureSet.Pitch,
        "pitch+spectrum" => F0FeatureSet.PitchAndSpectrum,
        _ => null,
    };
}
