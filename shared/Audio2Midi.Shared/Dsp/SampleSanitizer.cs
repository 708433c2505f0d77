namespace Audio2Midi.Dsp;

/// <summary>
/// Makes host audio safe for the analysis chain: NaN and Inf become silence, denormals become zero
/// and wild values are clipped, so one bad sample can never poison running sums or stall the engine.
/// </summary>
public static class SampleSanitizer
{
    /// <summary>Largest magnitude passed on; far above full scale, far below float overflow in squares.</summary>
    public const float Limit = 64f;

    private const float DenormalFloor = 1e-20f;

    public static float Clean(float x)
    {
        if (!float.IsFinite(x)) return 0f;
        if (x > Limit) return Limit;
        if (x < -Limit) return -Limit;
        return MathF.Abs(x) < DenormalFloor ? 0f : x;
    }
}
