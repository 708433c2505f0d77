using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Audio2Midi.Features;

/// <summary>
/// Constant-Q transform fed blocks of any size at the internal rate, emitting magnitude frames at a fixed hop.
/// </summary>
/// <remarks>
/// <para><b>Timing.</b> Frame j is centred on internal sample j * hop (input before sample 0 counts as silence)
/// and needs samples up to j * hop + N/2 - 1, N = <see cref="CqtSettings.FftSize"/>; it is emitted by the call
/// during which that sample arrives. The CQT therefore adds <see cref="LatencySamples"/> = N/2 samples of latency.
/// A frame depends only on the sample stream, so any block partition yields bit-identical frames.</para>
/// <para><b>Real time</b> (DESIGN.md section 4). All buffers are allocated in the constructor; <see cref="Process"/>
/// never allocates, locks or does I/O. Non-finite and denormal input samples enter the history as 0.</para>
/// </remarks>
public sealed class StreamingCqt
{
    private readonly CqtKernelBank _bank;
    private readonly RealFft _fft;
    private readonly float[] _history; // the last N samples, written twice so a contiguous view always exists
    private readonly float[] _re;
    private readonly float[] _im;
    private readonly int _n;
    private readonly int _hop;
    private int _write;
    private long _consumed;
    private long _produced;
    private long _nextFrameAt; // input count at which the next frame is complete

    public StreamingCqt(CqtSettings settings)
    {
        settings.Validate();
        Settings = settings;
        _bank = new CqtKernelBank(settings);
        _n = settings.FftSize;
        _hop = settings.HopSamples;
        _fft = new RealFft(_n);
        _history = new float[2 * _n];
        _re = new float[_n / 2 + 1 + Vector<float>.Count];
        _im = new float[_re.Length];
        Reset();
    }

    public CqtSettings Settings { get; }

    public int BinCount => _bank.BinCount;

    /// <summary>Internal samples between a frame's centre and the arrival of the sample that completes it.</summary>
    public int LatencySamples => _n / 2;

    public double LatencySeconds => (double)LatencySamples / Settings.SampleRate;

    /// <summary>Coefficients per frame (four multiply-adds each), for cost reports.</summary>
    public int CoefficientCount => _bank.CoefficientCount;

    public long SamplesConsumed => _consumed;

    public long FramesProduced => _produced;

    /// <summary>Most frames one call with <paramref name="inputLength"/> samples can emit.</summary>
    public int MaxFrames(int inputLength) => inputLength / _hop + 1;

    /// <summary>
    /// Pushes <paramref name="input"/>; writes each completed frame's <see cref="BinCount"/> magnitudes to
    /// <paramref name="frames"/> (frame after frame) and returns how many frames were written.
    /// </summary>
    public int Process(ReadOnlySpan<float> input, Span<float> frames)
    {
        if (frames.Length < MaxFrames(input.Length) * BinCount)
            ThrowTooSmall();
        int written = 0;
        while (!input.IsEmpty)
        {
            // Take samples up to the next frame boundary (and never more than the ring holds) in one go.
            int take = (int)Math.Min(Math.Min(input.Length, _nextFrameAt - _consumed), _n);
            Append(input[..take]);
            input = input[take..];
            _consumed += take;
            if (_consumed == _nextFrameAt)
            {
                ComputeFrame(frames.Slice(written * BinCount, BinCount));
                written++;
                _produced++;
                _nextFrameAt += _hop;
            }
        }
        return written;
    }

    public void Reset()
    {
        Array.Clear(_history);
        _write = 0;
        _consumed = 0;
        _produced = 0;
        _nextFrameAt = _n / 2;
    }

    /// <summary>Writes up to N samples into the ring and its mirror, replacing non-finite and denormal values by 0.</summary>
    private void Append(ReadOnlySpan<float> samples)
    {
        int first = Math.Min(samples.Length, _n - _write);
        Store(samples[..first], _write);
        Store(samples[first..], 0);
        _write = (_write + samples.Length) % _n;
    }

    private void Store(ReadOnlySpan<float> samples, int position)
    {
        if (samples.IsEmpty) return;
        Span<float> target = _history.AsSpan(position, samples.Length);
        int whole = samples.Length - samples.Length % Vector<float>.Count;
        var tiny = new Vector<float>(1e-30f);
        var huge = new Vector<float>(float.MaxValue);
        for (int i = 0; i < whole; i += Vector<float>.Count)
        {
            var x = new Vector<float>(samples[i..]);
            Vector<float> magnitude = Vector.Abs(x);
            // NaN fails both comparisons, Inf fails the second: both become 0, like denormals.
            Vector<int> keep = Vector.GreaterThanOrEqual(magnitude, tiny) & Vector.LessThanOrEqual(magnitude, huge);
            Vector.ConditionalSelect(keep, x, Vector<float>.Zero).CopyTo(target[i..]);
        }
        for (int i = whole; i < samples.Length; i++)
        {
            float x = samples[i];
            target[i] = float.IsFinite(x) && MathF.Abs(x) >= 1e-30f ? x : 0f;
        }
        target.CopyTo(_history.AsSpan(position + _n, samples.Length));
    }

    private void ComputeFrame(Span<float> magnitudes)
    {
        _fft.Forward(_history.AsSpan(_write, _n), _re, _im);
        CqtKernelBank bank = _bank;
        ref float re = ref MemoryMarshal.GetArrayDataReference(_re);
        ref float im = ref MemoryMarshal.GetArrayDataReference(_im);
        ref float are = ref MemoryMarshal.GetArrayDataReference(bank.Are);
        ref float aim = ref MemoryMarshal.GetArrayDataReference(bank.Aim);
        ref float bre = ref MemoryMarshal.GetArrayDataReference(bank.Bre);
        ref float bim = ref MemoryMarshal.GetArrayDataReference(bank.Bim);
        int width = Vector<float>.Count;
        int[] starts = bank.Start, counts = bank.Count, offsets = bank.Offset;
        for (int bin = 0; bin < magnitudes.Length; bin++)
        {
            // y = sum over the kept FFT bins of Re X * A + Im X * B (complex A, B; see CqtKernelBank).
            nuint x = (nuint)starts[bin], c = (nuint)offsets[bin];
            int count = counts[bin], whole = count - count % width;
            // Four independent accumulators, so the loop is bound by multiply-add throughput, not latency.
            Vector<float> srA = Vector<float>.Zero, srB = Vector<float>.Zero, siA = Vector<float>.Zero, siB = Vector<float>.Zero;
            for (int k = 0; k < whole; k += width, x += (nuint)width, c += (nuint)width)
            {
                Vector<float> xr = Vector.LoadUnsafe(ref re, x), xi = Vector.LoadUnsafe(ref im, x);
                srA = Vector.FusedMultiplyAdd(xr, Vector.LoadUnsafe(ref are, c), srA);
                srB = Vector.FusedMultiplyAdd(xi, Vector.LoadUnsafe(ref bre, c), srB);
                siA = Vector.FusedMultiplyAdd(xr, Vector.LoadUnsafe(ref aim, c), siA);
                siB = Vector.FusedMultiplyAdd(xi, Vector.LoadUnsafe(ref bim, c), siB);
            }
            Vector<float> sr = srA + srB, si = siA + siB;
            float yr = Vector.Sum(sr), yi = Vector.Sum(si);
            for (int k = whole; k < count; k++, x++, c++)
            {
                float xr = Unsafe.Add(ref re, x), xi = Unsafe.Add(ref im, x);
                yr += xr * Unsafe.Add(ref are, c) + xi * Unsafe.Add(ref bre, c);
                yi += xr * Unsafe.Add(ref aim, c) + xi * Unsafe.Add(ref bim, c);
            }
            magnitudes[bin] = MathF.Sqrt(yr * yr + yi * yi);
        }
    }

    private static void ThrowTooSmall() => throw new ArgumentException("frames span too small: needs MaxFrames(input.Length) * BinCount floats");
}
