namespace Audio2Midi.Dsp;

/// <summary>
/// A whole signal to another rate through <see cref="StreamingResampler"/> (the live path's filter), flushed so
/// the output has ceil(length * to / from) samples aligned with the input timeline. Off the audio thread.
/// </summary>
public static class OfflineResampler
{
    private const int Chunk = 4096;

    public static float[] Resample(ReadOnlySpan<float> mono, int from, int to)
    {
        if (from == to) return mono.ToArray();
        var resampler = new StreamingResampler(from, to, Chunk);
        int outputLength = (int)Math.Ceiling(mono.Length * (double)to / from);
        var output = new float[outputLength];
        var scratch = new float[resampler.MaxOutputCount(Chunk) + 4];
        var zeros = new float[Chunk];
        int written = 0;
        long total = mono.Length + (long)Math.Ceiling(resampler.DelayInputSamples) + 2;
        for (long start = 0; start < total && written < outputLength; start += Chunk)
        {
            int count = (int)Math.Min(Chunk, total - start);
            ReadOnlySpan<float> block;
            if (start + count <= mono.Length) block = mono.Slice((int)start, count);
            else
            {
                Array.Clear(zeros);
                if (start < mono.Length) mono[(int)start..].CopyTo(zeros);
                block = zeros.AsSpan(0, count);
            }
            int n = resampler.Process(block, scratch);
            int take = Math.Min(n, outputLength - written);
            scratch.AsSpan(0, take).CopyTo(output.AsSpan(written));
            written += take;
        }
        return output;
    }
}
