using System.Numerics;

namespace Audio2Midi.Features;

/// <summary>
/// The spectral kernels of the CQT (Brown and Puckette's method): each bin's Hann-windowed complex
/// exponential, centred in the analysis span, transformed once here so that a frame costs one real FFT
/// plus a short dot product per bin. Because the input is real, the negative-frequency half of each
/// kernel is folded onto bins 0..N/2 (coefficients <see cref="Are"/>.. for Re X and <see cref="Bre"/>.. for Im X),
/// and only the contiguous range around the peak that holds all but <see cref="CqtSettings.KernelTolerance"/>
/// of the kernel's energy is kept.
/// </summary>
public sealed class CqtKernelBank
{
    public CqtKernelBank(CqtSettings settings)
    {
        settings.Validate();
        int n = settings.FftSize;
        int half = n / 2;
        BinCount = settings.BinCount;
        FftSize = n;
        Start = new int[BinCount];
        Count = new int[BinCount];
        Offset = new int[BinCount];
        var coefficients = new List<float>[4]; // Re A, Im A, Re B, Im B
        for (int i = 0; i < 4; i++) coefficients[i] = [];
        var spectrum = new Complex[n];
        var a = new Complex[half + 1];
        var b = new Complex[half + 1];
        var energy = new double[half + 1];
        for (int bin = 0; bin < BinCount; bin++)
        {
            FillKernel(settings, bin, spectrum);
            ComplexFft.Forward(spectrum);
            double total = 0;
            int peak = 0;
            for (int k = 0; k <= half; k++)
            {
                Complex c1 = Complex.Conjugate(spectrum[k]) / n;
                bool folded = k != 0 && k != half;
                Complex c2 = folded ? Complex.Conjugate(spectrum[n - k]) / n : Complex.Zero;
                a[k] = c1 + c2;
                b[k] = folded ? Complex.ImaginaryOne * (c1 - c2) : Complex.ImaginaryOne * c1;
                energy[k] = a[k].Magnitude * a[k].Magnitude + b[k].Magnitude * b[k].Magnitude;
                total += energy[k];
                if (energy[k] > energy[peak]) peak = k;
            }
            (int lo, int hi) = KeptRange(energy, peak, total, settings.KernelTolerance);
            // Round the range up to whole SIMD vectors (extra coefficients are exact, not zero-padding).
            int width = Vector<float>.Count;
            int count = (hi - lo + 1 + width - 1) / width * width;
            if (count > half + 1) count = half + 1;
            if (lo + count > half + 1) lo = half + 1 - count;
            Start[bin] = lo;
            Count[bin] = count;
            Offset[bin] = coefficients[0].Count;
            for (int k = lo; k < lo + count; k++)
            {
                coefficients[0].Add((float)a[k].Real);
                coefficients[1].Add((float)a[k].Imaginary);
                coefficients[2].Add((float)b[k].Real);
                coefficients[3].Add((float)b[k].Imaginary);
            }
        }
        Are = [.. coefficients[0]];
        Aim = [.. coefficients[1]];
        Bre = [.. coefficients[2]];
        Bim = [.. coefficients[3]];
    }

    public int BinCount { get; }

    public int FftSize { get; }

    /// <summary>First FFT bin kept for each CQT bin.</summary>
    public int[] Start { get; }

    /// <summary>Number of FFT bins kept for each CQT bin.</summary>
    public int[] Count { get; }

    /// <summary>Where each CQT bin's coefficients begin in the coefficient arrays.</summary>
    public int[] Offset { get; }

    public float[] Are { get; }
    public float[] Aim { get; }
    public float[] Bre { get; }
    public float[] Bim { get; }

    /// <summary>Total coefficients kept (the multiply-adds per frame are four times this).</summary>
    public int CoefficientCount => Are.Length;

    /// <summary>
    /// Bin's time-domain kernel placed in an analysis span of <see cref="CqtSettings.FftSize"/> samples:
    /// Hann window of <see cref="CqtSettings.KernelLength"/> samples centred at N/2, phase zero at N/2,
    /// normalised by the window sum so a sinusoid of amplitude A at the bin frequency reads A/2.
    /// The frame value is sum_p x[p] * conj(kernel[p]). Public so tests can build a brute-force CQT from the same definition.
    /// </summary>
    public static void FillKernel(CqtSettings settings, int bin, Span<Complex> kernel)
    {
        int n = settings.FftSize;
        int length = settings.KernelLength(bin);
        double f = settings.BinFrequency(bin);
        kernel[..n].Clear();
        int start = (n - length) / 2;
        double sum = 0;
        for (int i = 0; i < length; i++) sum += HannWindow(i, length);
        for (int i = 0; i < length; i++)
        {
            int p = start + i;
            double phase = 2 * Math.PI * f * (p - n / 2) / settings.SampleRate;
            kernel[p] = Complex.FromPolarCoordinates(HannWindow(i, length) / sum, phase);
        }
    }

    /// <summary>Hann window of length + 2 points without its two zero end points, so every sample counts.</summary>
    public static double HannWindow(int i, int length) => 0.5 - 0.5 * Math.Cos(2 * Math.PI * (i + 1) / (length + 1));

    private static (int Lo, int Hi) KeptRange(double[] energy, int peak, double total, double tolerance)
    {
        int lo = peak, hi = peak;
        double dropped = total - energy[peak];
        double allowed = tolerance * total;
        while (dropped > allowed && (lo > 0 || hi < energy.Length - 1))
        {
            double left = lo > 0 ? energy[lo - 1] : -1;
            double right = hi < energy.Length - 1 ? energy[hi + 1] : -1;
            if (left >= right) dropped -= energy[--lo];
            else dropped -= energy[++hi];
        }
        return (lo, hi);
    }
}
