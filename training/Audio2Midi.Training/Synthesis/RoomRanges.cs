namespace Audio2Midi.Training.Synthesis;

/// <summary>
/// The rooms and noise floors training singing is put in: a generated singer's (<see cref="SingerProfile"/>) and a real
/// recording's augmented copy (`a2m train-f0 --rooms`) draw from the same ranges, one value per call in this order.
/// </summary>
public static class RoomRanges
{
    public const double MinRt60Seconds = 0.2, MaxRt60Seconds = 1.0, MaxWet = 0.3, MinSnrDb = 10, MaxSnrDb = 45;

    public static double Rt60Seconds(Random random) => MinRt60Seconds + (MaxRt60Seconds - MinRt60Seconds) * random.NextDouble();

    public static double Wet(Random random) => MaxWet * random.NextDouble();

    /// <summary>Noise level under the voice's RMS.</summary>
    public static double SnrDb(Random random) => MinSnrDb + (MaxSnrDb - MinSnrDb) * random.NextDouble();
}
