using Audio2Midi.Dsp;

namespace Audio2Midi.Features;

/// <summary>
/// Offline features of a whole recording: resample to the internal rate, stream through <see cref="StreamingCqt"/>
/// (the plugin's own transform), log-magnitude, then the normalisation when the parameters carry one.
/// Frame j is centred at j * hop internal samples; a file of S internal samples has ceil(S / hop) frames.
/// </summary>
public static class CqtFeatureExtractor
{
    private const int Chunk = 4096;

    /// <summary>Row-major [frames x bins] features of a mono signal at <paramref name="sampleRate"/>.</summary>
    public static float[] Compute(ReadOnlySpan<float> mono, int sampleRate, FeatureParameters parameters, out int frameCount)
    {
        CqtSettings s = parameters.Cqt;
        float[] internalRate = OfflineResampler.Resample(mono, sampleRate, s.SampleRate);
        frameCount = (internalRate.Length + s.HopSamples - 1) / s.HopSamples;
        var cqt = new StreamingCqt(s);
        int bins = s.BinCount;
        var features = new float[frameCount * bins];
        var scratch = new float[cqt.MaxFrames(Chunk) * bins];
        int produced = 0;
        int total = internalRate.Length + cqt.LatencySamples;
        var zeros = new float[Chunk];
        for (int start = 0; start < total && produced < frameCount; start += Chunk)
        {
            int count = Math.Min(Chunk, total - start);
            ReadOnlySpan<float> block = start + count <= internalRate.Length
                ? internalRate.AsSpan(start, count)
                : Tail(internalRate, start, count, zeros);
            int frames = cqt.Process(block, scratch);
            int take = Math.Min(frames, frameCount - produced);
            scratch.AsSpan(0, take * bins).CopyTo(features.AsSpan(produced * bins));
            produced += take;
        }
        Span<float> all = features.AsSpan(0, frameCount * bins);
        LogMagnitude.Apply(all, parameters.LogFloorDb);
        parameters.Normalization?.Apply(all);
        return features;
    }

    /// <summary>Frames a file of <paramref name="sourceSamples"/> samples at <paramref name="sampleRate"/> yields.</summary>
    public static int FrameCount(long sourceSamples, int sampleRate, CqtSettings s)
    {
        long internalSamples = sampleRate == s.SampleRate ? sourceSamples : (long)Math.Ceiling(sourceSamples * (double)s.SampleRate / sampleRate);
        return (int)((internalSamples + s.HopSamples - 1) / s.HopSamples);
    }

    private static ReadOnlySpan<float> Tail(float[] source, int start, int count, float[] buffer)
    {
        Array.Clear(buffer);
        if (start < source.Length) source.AsSpan(start).CopyTo(buffer);
        return buffer.AsSpan(0, count);
    }
}
