namespace Audio2Midi.Training.Synthesis;

/// <summary>A singer's range (MIDI numbers, 60 = middle C) and formant scale (shorter vocal tracts sound higher).</summary>
public sealed record VoiceRegister(string Name, int LowPitch, int HighPitch, double FormantScale)
{
    /// <summary>Bass to soprano, all inside the default labelled range 36..84.</summary>
    public static readonly IReadOnlyList<VoiceRegister> All =
    [
        new("bass", 40, 62, 0.92),
        new("baritone", 43, 66, 0.96),
        new("tenor", 48, 70, 1.0),
        new("alto", 53, 75, 1.1),
        new("mezzo", 57, 79, 1.14),
        new("soprano", 60, 84, 1.18),
    ];
}
