namespace Audio2Midi.Training.Synthesis;

/// <summary>Formant frequencies and bandwidths (Hz) of one vowel for an adult male tract; scaled per register.</summary>
public readonly record struct Vowel(string Name, double F1, double F2, double F3, double F4, double B1, double B2, double B3, double B4)
{
    public double Frequency(int i) => i switch { 0 => F1, 1 => F2, 2 => F3, _ => F4 };

    public double Bandwidth(int i) => i switch { 0 => B1, 1 => B2, 2 => B3, _ => B4 };
}

/// <summary>The sung vowels (approximate averages from classic vowel formant tables).</summary>
public static class Vowels
{
    public static readonly IReadOnlyList<Vowel> All =
    [
        new("a", 730, 1090, 2440, 3400, 90, 110, 160, 250),
        new("e", 530, 1840, 2480, 3500, 70, 100, 160, 250),
        new("i", 270, 2290, 3010, 3700, 60, 100, 170, 250),
        new("o", 570, 840, 2410, 3300, 80, 100, 160, 250),
        new("u", 300, 870, 2240, 3300, 60, 90, 150, 250),
        new("schwa", 500, 1500, 2500, 3500, 80, 110, 160, 250),
    ];
}
