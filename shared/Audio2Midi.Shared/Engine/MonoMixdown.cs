namespace Audio2Midi.Engine;

/// <summary>Mixes host channels to the one channel the engines analyse (the mean, so level is kept for correlated channels).</summary>
public static class MonoMixdown
{
    /// <summary>Interleaved frames (file readers) to mono.</summary>
    public static void FromInterleaved(ReadOnlySpan<float> interleaved, int channels, Span<float> mono)
    {
        int frames = interleaved.Length / channels;
        if (mono.Length < frames) throw new ArgumentException("mono buffer too small", nameof(mono));
        if (channels == 1)
        {
            interleaved.Slice(0, frames).CopyTo(mono);
            return;
        }
        float scale = 1f / channels;
        for (int f = 0, i = 0; f < frames; f++)
        {
            float sum = 0;
            for (int c = 0; c < channels; c++) sum += interleaved[i++];
            mono[f] = sum * scale;
        }
    }

    /// <summary>Planar buffers (the VST3 host's layout) to mono.</summary>
    public static void FromPlanar(ReadOnlySpan<float> left, ReadOnlySpan<float> right, Span<float> mono)
    {
        for (int i = 0; i < mono.Length; i++) mono[i] = 0.5f * (left[i] + right[i]);
    }
}
