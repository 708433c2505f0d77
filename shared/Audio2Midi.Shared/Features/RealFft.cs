namespace Audio2Midi.Features;

/// <summary>
/// Allocation-free forward FFT of a real signal of power-of-two length N, in single precision: a complex
/// FFT of N/2 points on the even/odd samples, then the split step. Tables are built in the constructor.
/// </summary>
public sealed class RealFft
{
    private readonly int _n;
    private readonly int _half;
    private readonly int[] _bitReverse;
    private readonly float[] _twiddleRe; // e^{-2 pi i k / (N/2)}, k < N/4
    private readonly float[] _twiddleIm;
    private readonly float[] _splitRe;   // e^{-2 pi i k / N}, k <= N/2
    private readonly float[] _splitIm;
    private readonly float[] _zr;
    private readonly float[] _zi;

    public RealFft(int length)
    {
        if (length < 4 || (length & (length - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(length), length, "length must be a power of two >= 4");
        _n = length;
        _half = length / 2;
        _bitReverse = new int[_half];
        int bits = 0;
        while ((1 << bits) < _half) bits++;
        for (int i = 0; i < _half; i++)
        {
            int r = 0;
            for (int b = 0; b < bits; b++) if ((i & (1 << b)) != 0) r |= 1 << (bits - 1 - b);
            _bitReverse[i] = r;
        }
        _twiddleRe = new float[Math.Max(1, _half / 2)];
        _twiddleIm = new float[_twiddleRe.Length];
        for (int k = 0; k < _twiddleRe.Length; k++)
        {
            double a = -2 * Math.PI * k / _half;
            _twiddleRe[k] = (float)Math.Cos(a);
            _twiddleIm[k] = (float)Math.Sin(a);
        }
        _splitRe = new float[_half + 1];
        _splitIm = new float[_half + 1];
        for (int k = 0; k <= _half; k++)
        {
            double a = -2 * Math.PI * k / _n;
            _splitRe[k] = (float)Math.Cos(a);
            _splitIm[k] = (float)Math.Sin(a);
        }
        _zr = new float[_half];
        _zi = new float[_half];
    }

    public int Length => _n;

    /// <summary>Bins 0..N/2 of the spectrum of <paramref name="input"/> (length N) into re/im (length N/2 + 1 each).</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> re, Span<float> im)
    {
        if (input.Length != _n || re.Length < _half + 1 || im.Length < _half + 1)
            throw new ArgumentException("input must have the FFT length and outputs N/2 + 1 bins");
        float[] zr = _zr, zi = _zi;
        int[] rev = _bitReverse;
        for (int i = 0; i < _half; i++)
        {
            int j = rev[i];
            zr[j] = input[2 * i];
            zi[j] = input[2 * i + 1];
        }
        for (int length = 2; length <= _half; length <<= 1)
        {
            int halfLength = length >> 1;
            int stride = _half / length;
            for (int start = 0; start < _half; start += length)
            {
                for (int k = 0; k < halfLength; k++)
                {
                    float wr = _twiddleRe[k * stride], wi = _twiddleIm[k * stride];
                    int a = start + k, b = a + halfLength;
                    float br = zr[b] * wr - zi[b] * wi;
                    float bi = zr[b] * wi + zi[b] * wr;
                    zr[b] = zr[a] - br;
                    zi[b] = zi[a] - bi;
                    zr[a] += br;
                    zi[a] += bi;
                }
            }
        }
        // Split: X[k] = E[k] + W^k O[k], E = (Z[k] + conj Z[M-k]) / 2, O = (Z[k] - conj Z[M-k]) / 2i.
        for (int k = 0; k <= _half; k++)
        {
            int a = k == _half ? 0 : k;
            int b = k == 0 ? 0 : _half - k;
            float er = 0.5f * (zr[a] + zr[b]), ei = 0.5f * (zi[a] - zi[b]);
            float or = 0.5f * (zi[a] + zi[b]), oi = -0.5f * (zr[a] - zr[b]);
            float wr = _splitRe[k], wi = _splitIm[k];
            re[k] = er + or * wr - oi * wi;
            im[k] = ei + or * wi + oi * wr;
        }
    }
}
