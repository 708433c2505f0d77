namespace Audio2Midi.Engine;

/// <summary>
/// Mixes host channels to the one channel the engines analyse (the mean, so level is kept for correlated
/// channels). Files are mixed down by <see cref="IO.AudioFileReader.ReadMono"/> the same way.
/// </summary>
public static class MonoMixdown
{
    /// <summary>Planar buffers (the VST3 host's layout) to mono.</summary>
    public static void FromPlanar(ReadOnlySpan<float> left, ReadOnlySpan<float> right, Span<float> mono)
    {
        for (int i = 0; i < mono.Length; i++) mono[i] = 0.5f * (left[i] + right[i]);
    }
}
