using System.Numerics;
using Audio2Midi.Features;

namespace Audio2Midi.Tests.Features;

/// <summary>The CQT by definition: each bin's windowed complex exponential summed over the input samples, in double.</summary>
public static class BruteForceCqt
{
    public static double[] Frame(float[] x, int frame, CqtSettings s)
    {
        int n = s.FftSize;
        long firstSample = (long)frame * s.HopSamples - n / 2;
        var kernel = new Complex[n];
        var result = new double[s.BinCount];
        for (int bin = 0; bin < s.BinCount; bin++)
        {
            CqtKernelBank.FillKernel(s, bin, kernel);
            Complex sum = Complex.Zero;
            for (int p = 0; p < n; p++)
            {
                long i = firstSample + p;
                if (i < 0 || i >= x.Length || kernel[p] == Complex.Zero) continue;
                sum += x[i] * Complex.Conjugate(kernel[p]);
            }
            result[bin] = sum.Magnitude;
        }
        return result;
    }
}
