using System.Numerics;

namespace Audio2Midi.Plugin;

/// <summary>
/// The audio path: output = input delayed by exactly the reported latency, per channel, so that a host
/// that compensates it keeps this track in step with every other. One ring per input channel, in
/// double so that 32-bit samples come out bit for bit and 64-bit ones unrounded. Sized outside the
/// audio thread (<see cref="Resize"/>) for the longest Latency step; <see cref="Process32"/> and
/// <see cref="Process64"/> never allocate. A change of delay crossfades from the old tap to the new one
/// over <see cref="FadeSeconds"/>, so it does not click. NaN and infinities leave as silence.
/// </summary>
internal sealed unsafe class AudioDelay
{
    public const int MaxChannels = 2;

    /// <summary>Length of the crossfade when the delay changes.</summary>
    public const double FadeSeconds = 0.005;

    /// <summary>Samples written per ring pass: blocks longer than this are delayed in pieces.</summary>
    public const int MaxPiece = Processor.MaxChunk;

    private double[][] _rings = [];
    private int _size;
    private long _written;
    private int _delay;
    private int _fadeFrom;
    private int _fadeLength = 1;
    private int _fadeLeft;

    /// <summary>The delay in samples now applied (the end of a crossfade included).</summary>
    public int DelaySamples => _delay;

    public int MaxDelaySamples { get; private set; }

    /// <summary>Sizes the rings for delays up to <paramref name="maxDelaySamples"/> and clears them (main thread).</summary>
    public void Resize(int maxDelaySamples, double sampleRate)
    {
        MaxDelaySamples = Math.Max(0, maxDelaySamples);
        _size = MaxDelaySamples + MaxPiece;
        _rings = new double[MaxChannels][];
        for (int c = 0; c < MaxChannels; c++) _rings[c] = new double[_size];
        _fadeLength = Math.Max(1, (int)Math.Round(FadeSeconds * sampleRate));
        _written = 0;
        _fadeLeft = 0;
        _delay = Math.Min(_delay, MaxDelaySamples);
    }

    /// <summary>Silence in the rings (a fresh stream after activation): the first output samples are silent.</summary>
    public void Clear()
    {
        foreach (double[] ring in _rings) Array.Clear(ring);
        _written = 0;
        _fadeLeft = 0;
    }

    /// <summary>Moves to a new delay: immediately if <paramref name="crossfade"/> is false (inactive), else over the fade.</summary>
    public void SetDelay(int samples, bool crossfade)
    {
        samples = Math.Clamp(samples, 0, MaxDelaySamples);
        if (samples == _delay && _fadeLeft == 0) return;
        if (crossfade)
        {
            _fadeFrom = _fadeLeft > 0 ? _fadeFrom : _delay;
            _fadeLeft = _fadeLength;
        }
        else _fadeLeft = 0;
        _delay = samples;
    }

    public void Process32(int frames, float** inputs, int inputChannels, float** outputs, int outputChannels) =>
        Process(frames, inputs, inputChannels, outputs, outputChannels);

    public void Process64(int frames, double** inputs, int inputChannels, double** outputs, int outputChannels) =>
        Process(frames, inputs, inputChannels, outputs, outputChannels);

    /// <summary>All inputs go into the rings before any output is written: hosts may process in place.</summary>
    private void Process<T>(int frames, T** inputs, int inputChannels, T** outputs, int outputChannels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int start = 0; start < frames; start += MaxPiece)
        {
            int n = Math.Min(MaxPiece, frames - start);
            int channels = Math.Min(inputChannels, MaxChannels);
            for (int c = 0; c < channels; c++)
            {
                T* src = inputs[c];
                double[] ring = _rings[c];
                for (int i = 0; i < n; i++)
                {
                    double x = src == null ? 0 : double.CreateTruncating(src[start + i]);
                    ring[Index(_written + i)] = double.IsFinite(x) ? x : 0;
                }
            }
            for (int c = 0; c < outputChannels; c++)
            {
                T* dst = outputs[c];
                if (dst == null) continue;
                if (channels == 0) { new Span<T>(dst + start, n).Clear(); continue; }
                double[] ring = _rings[Math.Min(c, channels - 1)];
                int fadeLeft = _fadeLeft;
                for (int i = 0; i < n; i++) dst[start + i] = T.CreateTruncating(Tap(ring, _written + i, ref fadeLeft));
            }
            Advance(n);
        }
    }

    /// <summary>The delayed sample for write position <paramref name="at"/>: during a fade, a mix of the old and the new tap.</summary>
    private double Tap(double[] ring, long at, ref int fadeLeft)
    {
        double y = Read(ring, at, _delay);
        if (fadeLeft <= 0) return y;
        double g = (double)fadeLeft / _fadeLength; // weight of the old tap, falling to 0
        fadeLeft--;
        return y + g * (Read(ring, at, _fadeFrom) - y);
    }

    private double Read(double[] ring, long at, int delay) => at - delay < 0 ? 0 : ring[Index(at - delay)];

    private void Advance(int n)
    {
        _written += n;
        _fadeLeft = Math.Max(0, _fadeLeft - n);
    }

    private int Index(long position) => (int)(position % _size);
}
