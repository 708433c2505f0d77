using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Audio2Midi.Dsp;

/// <summary>
/// Streaming sample-rate converter for the audio thread: Kaiser-windowed sinc, stored as a polyphase
/// table with linear interpolation between adjacent phases, for any ratio (8 kHz .. 192 kHz and beyond).
/// </summary>
/// <remarks>
/// <para><b>Filter.</b> By default low-pass at 0.475 * min(InputRate, OutputRate) with a Kaiser transition band from
/// 0.45 * min to 0.5 * min (pass band up to 0.45 * min, stop band from 0.5 * min), designed for about 100 dB
/// stop-band attenuation. The kernel has a half-length of <see cref="DelayInputSamples"/> input samples
/// (an integer); the table holds at least 512 phases per zero-crossing interval of the kernel, so the
/// phase-interpolation images sit well below the stop band.</para>
/// <para><b>Timing contract.</b> Let r = InputRate / OutputRate and t_k = k * r (input samples since
/// construction or <see cref="Reset"/>; the input before that is treated as zeros). Output sample k
/// (counted from 0 since construction/Reset) is the band-limited input evaluated at input position t_k.
/// It needs the input samples with index in (t_k - L, t_k + L), L = <see cref="DelayInputSamples"/>,
/// and is emitted by the <see cref="Process"/> call during which the input count reaches
/// ceil(t_k) + L (= ceil(t_k + L)). So after N input samples, <see cref="OutputSamplesProduced"/> is the
/// number of k with ceil(t_k + L) &lt;= N, i.e. floor((N - L) / r) + 1 for N &gt;= L (0 before): the resampler
/// adds a latency of L input samples, and a note found at output index k lies at host input sample t_k.
/// In bypass (InputRate == OutputRate) L = 0 and output k is input sample k, emitted as soon as it is pushed.</para>
/// <para>t_k is computed from k alone (never accumulated): with exact integer arithmetic on the reduced
/// fraction when both rates are integers, otherwise as k * r in double. The output is therefore
/// bit-identical whatever the input block partition.</para>
/// <para><b>Real time.</b> All buffers are allocated in the constructor. <see cref="Process"/> never
/// allocates, never locks and only throws (before touching any state) when the output span is too small
/// for the outputs the call would produce. Non-finite input samples (NaN, Inf) and denormal-range values are
/// replaced by 0 as they enter the history, so they never reach the output or corrupt the state.</para>
/// </remarks>
public sealed class StreamingResampler
{
    /// <summary>Stop-band attenuation the Kaiser window is designed for (measured >= 80 dB with margin).</summary>
    private const double DefaultAttenuationDb = 100.0;
    /// <summary>Transition band width as a fraction of min(InputRate, OutputRate): 0.45 .. 0.5.</summary>
    private const double DefaultPassband = 0.45;
    /// <summary>Table phases per unit of the kernel's own time scale (1 / min rate).</summary>
    private const int PhasesPerKernelUnit = 512;
    /// <summary>Row padding (floats) so the dot product can run whole vectors, unrolled by 2.</summary>
    private const int RowAlign = 32;

    private const double MinRate = 1000.0;
    private const double MaxRate = 1_000_000.0;

    private readonly bool _bypass;
    private readonly bool _rational;
    private readonly long _num;   // t_k = k * _num / _den (rational mode)
    private readonly long _den;
    private readonly double _ratio; // InputRate / OutputRate
    private readonly int _halfLength; // L, input samples
    private readonly int _taps;       // 2L
    private readonly int _rowLen;     // 2L rounded up to RowAlign (zeros past 2L)
    private readonly int _phases;     // table phases per input sample; the table has _phases + 1 rows
    private readonly float[] _table;
    private readonly int _maxBlock;
    private readonly int _history;    // samples kept between blocks (2L)
    private readonly float[] _buf;

    private long _bufBase;  // absolute input index of _buf[0]
    private int _bufLen;    // valid samples in _buf
    private long _consumed;
    private long _produced;

    /// <param name="passband">Pass band edge as a fraction of min(InputRate, OutputRate); the stop band starts at 0.5.
    /// A lower edge means a shorter kernel: less latency and work (the pitch engine needs nothing above 0.4).</param>
    /// <param name="attenuationDb">Stop-band attenuation the Kaiser window is designed for.</param>
    public StreamingResampler(double inputRate, double outputRate, int maxBlock = 8192, double passband = DefaultPassband, double attenuationDb = DefaultAttenuationDb)
    {
        if (!(passband >= 0.2 && passband <= 0.48))
            throw new ArgumentOutOfRangeException(nameof(passband), passband, "Pass band edge must be within 0.2..0.48 of the lower rate.");
        if (!(attenuationDb >= 40 && attenuationDb <= 160))
            throw new ArgumentOutOfRangeException(nameof(attenuationDb), attenuationDb, "Attenuation must be within 40..160 dB.");
        double transitionWidth = 0.5 - passband;
        double cutoff = (passband + 0.5) / 2;
        double designAttenuationDb = attenuationDb;
        if (!(inputRate >= MinRate && inputRate <= MaxRate))
            throw new ArgumentOutOfRangeException(nameof(inputRate), inputRate, $"Rate must be within {MinRate}..{MaxRate} Hz.");
        if (!(outputRate >= MinRate && outputRate <= MaxRate))
            throw new ArgumentOutOfRangeException(nameof(outputRate), outputRate, $"Rate must be within {MinRate}..{MaxRate} Hz.");
        if (maxBlock < 1 || maxBlock > (1 << 24))
            throw new ArgumentOutOfRangeException(nameof(maxBlock), maxBlock, "maxBlock must be within 1..2^24.");

        InputRate = inputRate;
        OutputRate = outputRate;
        _maxBlock = maxBlock;
        _ratio = inputRate / outputRate;

        if (inputRate == outputRate)
        {
            _bypass = true;
            _table = [];
            _buf = [];
            return;
        }

        if (inputRate == Math.Floor(inputRate) && outputRate == Math.Floor(outputRate))
        {
            long a = (long)inputRate, b = (long)outputRate;
            long g = Gcd(a, b);
            _rational = true;
            _num = a / g;
            _den = b / g;
        }

        // Kernel: h(t) = s * 2fc * sinc(2fc * s * t) * kaiser(t / L), t in input samples,
        // s = min(in, out) / in (the kernel's time scale), fc = cutoff in units of the min rate.
        double s = Math.Min(inputRate, outputRate) / inputRate;
        double halfLengthKernelUnits = Math.Ceiling(KaiserWindow.LengthForSpec(designAttenuationDb, transitionWidth) / 2.0);
        _halfLength = (int)Math.Ceiling(halfLengthKernelUnits / s - 1e-9);
        _taps = 2 * _halfLength;
        _rowLen = (_taps + RowAlign - 1) / RowAlign * RowAlign;
        _phases = Math.Max(1, (int)Math.Ceiling(PhasesPerKernelUnit * s - 1e-9));

        double beta = KaiserWindow.BetaForAttenuation(designAttenuationDb);
        double i0Beta = KaiserWindow.BesselI0(beta);
        double twoFc = 2.0 * cutoff;
        _table = new float[(_phases + 1) * _rowLen];
        for (int p = 0; p <= _phases; p++)
        {
            // Row p is the kernel for fractional offset frac = p / _phases in (0, 1]: tap j weights input
            // sample firstTap + j, at distance t = frac + L - 1 - j from the output position.
            double frac = (double)p / _phases;
            int row = p * _rowLen;
            for (int j = 0; j < _taps; j++)
            {
                double t = frac + _halfLength - 1 - j;
                double h = s * twoFc * KaiserWindow.Sinc(twoFc * s * t) * KaiserWindow.Window(t, _halfLength, beta, i0Beta);
                _table[row + j] = (float)h;
            }
        }

        _history = _taps;
        // Data region is _history + _maxBlock; the extra (_rowLen - _taps) lets the last dot product read
        // whole padded rows (those samples meet zero coefficients and are always finite).
        _buf = new float[_history + _maxBlock + (_rowLen - _taps)];
        ResetState();
    }

    public double InputRate { get; }
    public double OutputRate { get; }

    /// <summary>
    /// Kernel half-length L in input samples (0 in bypass): the latency the resampler adds. Output k is the
    /// band-limited input at input position k * InputRate / OutputRate and is emitted once input sample count
    /// reaches ceil(k * InputRate / OutputRate + L).
    /// </summary>
    public double DelayInputSamples => _halfLength;

    public long InputSamplesConsumed => _consumed;
    public long OutputSamplesProduced => _produced;

    /// <summary>
    /// Index (since reset) of the input sample whose arrival makes output <paramref name="outputIndex"/>
    /// available: the engine places an event decided on that output at this host sample.
    /// </summary>
    public long InputIndexProducing(long outputIndex) => _bypass ? outputIndex : FirstTap(outputIndex) + _taps - 1;

    /// <summary>
    /// Upper bound on the outputs one <see cref="Process"/> call with <paramref name="inputCount"/> inputs can
    /// produce, whatever the state: size the output span with it.
    /// </summary>
    public int MaxOutputCount(int inputCount)
    {
        if (inputCount <= 0)
            return 0;
        if (_bypass)
            return inputCount;
        double bound = Math.Floor(inputCount / _ratio) + 2.0;
        return bound >= int.MaxValue ? int.MaxValue : (int)bound;
    }

    /// <summary>
    /// Pushes <paramref name="input"/> (any length) and writes every output that became available.
    /// Returns the number of outputs written. Throws <see cref="ArgumentException"/> (before changing any
    /// state) only if <paramref name="output"/> cannot hold them; <see cref="MaxOutputCount"/> is always enough.
    /// </summary>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (_bypass)
        {
            if (output.Length < input.Length)
                ThrowOutputTooSmall();
            for (int i = 0; i < input.Length; i++)
                output[i] = Sanitize(input[i]);
            _consumed += input.Length;
            _produced += input.Length;
            return input.Length;
        }

        if (!FitsOutput(_consumed + input.Length, output.Length))
            ThrowOutputTooSmall();

        int written = 0;
        while (!input.IsEmpty)
        {
            int c = Math.Min(input.Length, _maxBlock);
            Append(input[..c]);
            input = input[c..];
            written += Produce(output[written..]);
        }
        return written;
    }

    /// <summary>Back to the state of a fresh instance (silent history, counters at 0).</summary>
    public void Reset()
    {
        if (_bypass)
        {
            _consumed = 0;
            _produced = 0;
            return;
        }
        ResetState();
    }

    private void ResetState()
    {
        Array.Clear(_buf);
        _bufBase = -_history;
        _bufLen = _history;
        _consumed = 0;
        _produced = 0;
    }

    /// <summary>Whether the outputs that become ready once <paramref name="inputTotal"/> inputs are in fit in <paramref name="capacity"/>.</summary>
    private bool FitsOutput(long inputTotal, int capacity)
    {
        int count = 0;
        for (long k = _produced; FirstTap(k) + _taps <= inputTotal; k++)
        {
            if (++count > capacity)
                return false;
        }
        return true;
    }

    private void Append(ReadOnlySpan<float> chunk)
    {
        if (_bufLen + chunk.Length > _history + _maxBlock)
        {
            // Keep the last _history samples: every output not yet produced starts at or after them.
            int drop = _bufLen - _history;
            Array.Copy(_buf, drop, _buf, 0, _history);
            _bufBase += drop;
            _bufLen = _history;
        }
        Span<float> dst = _buf.AsSpan(_bufLen, chunk.Length);
        for (int i = 0; i < chunk.Length; i++)
            dst[i] = Sanitize(chunk[i]);
        _bufLen += chunk.Length;
        _consumed += chunk.Length;
    }

    private int Produce(Span<float> output)
    {
        int w = 0;
        ref float buf = ref MemoryMarshal.GetArrayDataReference(_buf);
        ref float table = ref MemoryMarshal.GetArrayDataReference(_table);
        while (true)
        {
            long first = Position(_produced, out int phase, out float a);
            if (first + _taps > _consumed)
                break;
            long offset = first - _bufBase;
            Debug.Assert(offset >= 0 && offset + _rowLen <= _buf.Length);
            ref float x = ref Unsafe.Add(ref buf, (nint)offset);
            float y;
            if (a == 0f || a == 1f) // on a table phase (e.g. integer ratios): one dot product
            {
                y = Dot1(ref x, ref Unsafe.Add(ref table, (phase + (int)a) * _rowLen), _rowLen);
            }
            else
            {
                Dot2(ref x,
                     ref Unsafe.Add(ref table, phase * _rowLen),
                     ref Unsafe.Add(ref table, (phase + 1) * _rowLen),
                     _rowLen, out float s0, out float s1);
                y = s0 + a * (s1 - s0);
            }
            output[w++] = y;
            _produced++;
        }
        return w;
    }

    /// <summary>Index of the first input sample output k needs (the last one is that + 2L - 1).</summary>
    private long FirstTap(long k)
    {
        long n; // n = ceil(t_k) - 1
        if (_rational)
        {
            long q = Math.DivRem(k, _den, out long r);
            n = q * _num + (r * _num + _den - 1) / _den - 1;
        }
        else
        {
            n = (long)Math.Ceiling(k * _ratio) - 1;
        }
        return n - _halfLength + 1;
    }

    /// <summary>
    /// For output k: first input tap, table row <paramref name="phase"/> (0.._phases-1) and the weight
    /// <paramref name="a"/> of row phase + 1, from frac = t_k - (ceil(t_k) - 1) in (0, 1].
    /// </summary>
    private long Position(long k, out int phase, out float a)
    {
        long n;
        if (_rational)
        {
            long q = Math.DivRem(k, _den, out long r);
            long rn = r * _num;
            long c = (rn + _den - 1) / _den;     // ceil(r * num / den)
            n = q * _num + c - 1;
            long fracNum = rn - (c - 1) * _den;  // frac * den, in (0, den]
            long scaled = fracNum * _phases;
            long p = scaled / _den;
            long rem = scaled - p * _den;
            if (p >= _phases)
            {
                phase = _phases - 1;
                a = 1f;
            }
            else
            {
                phase = (int)p;
                a = (float)((double)rem / _den);
            }
        }
        else
        {
            double t = k * _ratio;
            double c = Math.Ceiling(t);
            n = (long)c - 1;
            double pos = (t - (c - 1.0)) * _phases;
            int p = (int)pos;
            if (p >= _phases)
            {
                phase = _phases - 1;
                a = 1f;
            }
            else
            {
                phase = p;
                a = (float)(pos - p);
            }
        }
        return n - _halfLength + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Sanitize(float v)
        => float.IsFinite(v) && Math.Abs(v) >= 1e-30f ? v : 0f;

    /// <summary>Two dot products of x with rows c0 and c1 over len floats (len a multiple of 2 vectors).</summary>
    private static void Dot2(ref float x, ref float c0, ref float c1, int len, out float s0, out float s1)
    {
        int w = Vector<float>.Count;
        Vector<float> a0 = Vector<float>.Zero, a1 = Vector<float>.Zero;
        Vector<float> b0 = Vector<float>.Zero, b1 = Vector<float>.Zero;
        for (int i = 0; i < len; i += 2 * w)
        {
            nuint u = (nuint)i, v = (nuint)(i + w);
            Vector<float> x0 = Vector.LoadUnsafe(ref x, u);
            Vector<float> x1 = Vector.LoadUnsafe(ref x, v);
            a0 += x0 * Vector.LoadUnsafe(ref c0, u);
            b0 += x1 * Vector.LoadUnsafe(ref c0, v);
            a1 += x0 * Vector.LoadUnsafe(ref c1, u);
            b1 += x1 * Vector.LoadUnsafe(ref c1, v);
        }
        s0 = Vector.Sum(a0 + b0);
        s1 = Vector.Sum(a1 + b1);
    }

    /// <summary>Dot product of x with row c over len floats (len a multiple of 2 vectors).</summary>
    private static float Dot1(ref float x, ref float c, int len)
    {
        int w = Vector<float>.Count;
        Vector<float> a = Vector<float>.Zero, b = Vector<float>.Zero;
        for (int i = 0; i < len; i += 2 * w)
        {
            nuint u = (nuint)i, v = (nuint)(i + w);
            a += Vector.LoadUnsafe(ref x, u) * Vector.LoadUnsafe(ref c, u);
            b += Vector.LoadUnsafe(ref x, v) * Vector.LoadUnsafe(ref c, v);
        }
        return Vector.Sum(a + b);
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }

    private static void ThrowOutputTooSmall()
        => throw new ArgumentException("Output span is too small for the outputs this call produces; size it with MaxOutputCount(input.Length).", "output");
}
