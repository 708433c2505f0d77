namespace Audio2Midi.Features;

/// <summary>
/// CQT magnitude to decibels against a fixed reference: a full-scale sinusoid (amplitude 1, which the CQT
/// reads as 0.5) is 0 dB, whatever the file. Never relative to the loudest frame (the seed's
/// training/inference mismatch, DESIGN.md section 7).
/// </summary>
public static class LogMagnitude
{
    public const double DefaultFloorDb = -100.0;

    /// <summary>In place: magnitude to dB, clipped below at <paramref name="floorDb"/>.</summary>
    public static void Apply(Span<float> values, double floorDb = DefaultFloorDb)
    {
        float floorAmplitude = (float)Math.Pow(10, floorDb / 20);
        for (int i = 0; i < values.Length; i++)
        {
            float a = 2f * values[i];
            values[i] = 20f * MathF.Log10(a > floorAmplitude ? a : floorAmplitude);
        }
    }
}
