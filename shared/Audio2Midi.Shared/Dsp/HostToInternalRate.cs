namespace Audio2Midi.Dsp;

/// <summary>
/// The front of every engine: host samples, cleaned of NaN, Inf and denormals (<see cref="SampleSanitizer"/>), then
/// resampled to the engine's internal rate, in chunks of at most <see cref="Chunk"/> host samples. Counts the internal
/// samples it has produced, so an engine can ask which host sample completed any of them. Allocation-free after construction.
/// </summary>
public sealed class HostToInternalRate
{
    public const int Chunk = 256;

    private readonly StreamingResampler _resampler;
    private readonly float[] _clean = new float[Chunk];
    private readonly float[] _internal;

    public HostToInternalRate(StreamingResampler resampler)
    {
        _resampler = resampler;
        _internal = new float[resampler.MaxOutputCount(Chunk) + 4];
    }

    /// <summary>Host samples of delay the resampler adds.</summary>
    public double DelayInputSamples => _resampler.DelayInputSamples;

    /// <summary>Internal samples produced since the last reset (the index the next one will get).</summary>
    public long Produced { get; private set; }

    /// <summary>Cleans and resamples up to <see cref="Chunk"/> host samples; the internal samples are valid until the next call.</summary>
    public ReadOnlySpan<float> Process(ReadOnlySpan<float> host)
    {
        int n = Math.Min(Chunk, host.Length);
        for (int i = 0; i < n; i++) _clean[i] = SampleSanitizer.Clean(host[i]);
        int produced = _resampler.Process(new ReadOnlySpan<float>(_clean, 0, n), _internal);
        Produced += produced;
        return new ReadOnlySpan<float>(_internal, 0, produced);
    }

    /// <summary>The host sample (index since reset) whose arrival let the resampler produce internal sample <paramref name="k"/>.</summary>
    public long HostIndexCompleting(long k) => _resampler.InputIndexProducing(k);

    public void Reset()
    {
        _resampler.Reset();
        Produced = 0;
    }
}
