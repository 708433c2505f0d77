namespace Audio2Midi.Training.Synthesis;

/// <summary>
/// One note of a synthetic melody with how it is sung. <see cref="Onset"/>..<see cref="Offset"/> is exactly the
/// label; <see cref="Legato"/> notes start where the previous one ends and glide into it (portamento).
/// </summary>
public sealed record SungNote(
    double Onset,
    double Offset,
    int Pitch,
    double Loudness,
    bool Legato,
    double GlideSeconds,
    double ScoopSemitones,
    double ScoopSeconds,
    bool ConsonantBurst,
    int Vowel,
    int NextVowel);
