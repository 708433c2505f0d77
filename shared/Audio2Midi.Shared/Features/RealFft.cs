using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    private readonly float[] _twiddleRe; // stage with half-length h: e^{-2 pi i k / (2h)}, k < h, stored from index h
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
        _twiddleRe = new float[Math.Max(2, _half)];
        _twiddleIm = new float[_twiddleRe.Length];
        for (int h = 1; h < _half; h <<= 1)
        {
            for (int k = 0; k < h; k++)
            {
                double a = -Math.PI * k / h;
                _twiddleRe[h + k] = (float)Math.Cos(a);
                _twiddleIm[h + k] = (float)Math.Sin(a);
            }
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
        Butterflies(zr, zi);
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

    /// <summary>Radix-2 decimation-in-time stages on bit-reversed data; stages at least one vector wide run in SIMD.</summary>
    private void Butterflies(float[] zr, float[] zi)
    {
        int width = Vector<float>.Count;
        int firstStage = 1;
        if (_half >= 4)
        {
            // The first two stages as one radix-4 pass: their twiddles are 1 and -i, so no multiplies.
            for (int g = 0; g < _half; g += 4)
            {
                float y0r = zr[g] + zr[g + 1], y0i = zi[g] + zi[g + 1];
                float y1r = zr[g] - zr[g + 1], y1i = zi[g] - zi[g + 1];
                float y2r = zr[g + 2] + zr[g + 3], y2i = zi[g + 2] + zi[g + 3];
                float y3r = zr[g + 2] - zr[g + 3], y3i = zi[g + 2] - zi[g + 3];
                zr[g] = y0r + y2r; zi[g] = y0i + y2i;
                zr[g + 2] = y0r - y2r; zi[g + 2] = y0i - y2i;
                zr[g + 1] = y1r + y3i; zi[g + 1] = y1i - y3r;  // y1 + (-i) y3
                zr[g + 3] = y1r - y3i; zi[g + 3] = y1i + y3r;
            }
            firstStage = 4;
        }
        ref float re = ref MemoryMarshal.GetArrayDataReference(zr);
        ref float im = ref MemoryMarshal.GetArrayDataReference(zi);
        ref float twr = ref MemoryMarshal.GetArrayDataReference(_twiddleRe);
        ref float twi = ref MemoryMarshal.GetArrayDataReference(_twiddleIm);
        for (int h = firstStage; h < _half; h <<= 1)
        {
            if (h >= width)
            {
                for (int start = 0; start < _half; start += 2 * h)
                {
                    for (int k = 0; k < h; k += width)
                    {
                        nuint a = (nuint)(start + k), b = a + (nuint)h, w = (nuint)(h + k);
                        Vector<float> wr = Vector.LoadUnsafe(ref twr, w), wi = Vector.LoadUnsafe(ref twi, w);
                        Vector<float> br = Vector.LoadUnsafe(ref re, b), bi = Vector.LoadUnsafe(ref im, b);
                        Vector<float> ar = Vector.LoadUnsafe(ref re, a), ai = Vector.LoadUnsafe(ref im, a);
                        Vector<float> tr = br * wr - bi * wi;
                        Vector<float> ti = br * wi + bi * wr;
                        (ar - tr).StoreUnsafe(ref re, b);
                        (ai - ti).StoreUnsafe(ref im, b);
                        (ar + tr).StoreUnsafe(ref re, a);
                        (ai + ti).StoreUnsafe(ref im, a);
                    }
                }
            }
            else if (h == 4 && Vector128.IsHardwareAccelerated)
            {
                Vector128<float> wr = Vector128.LoadUnsafe(ref twr, 4), wi = Vector128.LoadUnsafe(ref twi, 4);
                for (nuint a = 0; a < (nuint)_half; a += 8)
                {
                    nuint b = a + 4;
                    Vector128<float> br = Vector128.LoadUnsafe(ref re, b), bi = Vector128.LoadUnsafe(ref im, b);
                    Vector128<float> ar = Vector128.LoadUnsafe(ref re, a), ai = Vector128.LoadUnsafe(ref im, a);
                    Vector128<float> tr = br * wr - bi * wi;
                    Vector128<float> ti = br * wi + bi * wr;
                    (ar - tr).StoreUnsafe(ref re, b);
                    (ai - ti).StoreUnsafe(ref im, b);
                    (ar + tr).StoreUnsafe(ref re, a);
                    (ai + ti).StoreUnsafe(ref im, a);
                }
            }
            else
            {
                for (int start = 0; start < _half; start += 2 * h)
                {
                    for (int k = 0; k < h; k++)
                    {
                        int a = start + k, b = a + h;
                        float wr = _twiddleRe[h + k], wi = _twiddleIm[h + k];
                        float tr = zr[b] * wr - zi[b] * wi;
                        float ti = zr[b] * wi + zi[b] * wr;
                        zr[b] = zr[a] - tr;
                        zi[b] = zi[a] - ti;
                        zr[a] += tr;
                        zi[a] += ti;
                    }
                }
            }
        }
    }
}
