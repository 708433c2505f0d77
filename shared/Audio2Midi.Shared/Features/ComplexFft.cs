using System.Numerics;

namespace Audio2Midi.Features;

/// <summary>In-place radix-2 FFT in double precision, used off the audio thread to build kernels.</summary>
internal static class ComplexFft
{
    /// <summary>Forward transform X[k] = sum_n x[n] e^{-2 pi i k n / N}; N must be a power of two.</summary>
    public static void Forward(Complex[] data)
    {
        int n = data.Length;
        if (n < 1 || (n & (n - 1)) != 0) throw new ArgumentException("length must be a power of two", nameof(data));
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) (data[i], data[j]) = (data[j], data[i]);
        }
        for (int length = 2; length <= n; length <<= 1)
        {
            double angle = -2 * Math.PI / length;
            for (int start = 0; start < n; start += length)
            {
                for (int k = 0; k < length / 2; k++)
                {
                    var w = Complex.FromPolarCoordinates(1, angle * k);
                    Complex a = data[start + k];
                    Complex b = data[start + k + length / 2] * w;
                    data[start + k] = a + b;
                    data[start + k + length / 2] = a - b;
                }
            }
        }
    }
}
