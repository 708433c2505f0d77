namespace Audio2Midi.Training.Synthesis;

/// <summary>
/// Band-limited glottal pulse train: a harmonic sum whose amplitudes and phases are the Fourier series of the
/// derivative of a Rosenberg glottal pulse (open quotient and speed of closure per singer), following an f0
/// contour sample by sample. Harmonics fade out below Nyquist, so nothing aliases.
/// </summary>
public sealed class GlottalSource
{
    private const int MaxHarmonics = 160;
    private readonly double[] _cos = new double[MaxHarmonics + 1]; // coefficient of cos(k phase)
    private readonly double[] _sin = new double[MaxHarmonics + 1];
    private readonly double _sampleRate;
    private double _phase;

    public GlottalSource(double sampleRate, double openQuotient, double closingShare)
    {
        _sampleRate = sampleRate;
        // One period of the Rosenberg flow derivative, then its Fourier series by direct summation.
        const int n = 4096;
        var period = new double[n];
        double open = openQuotient * n, rise = open * (1 - closingShare);
        for (int i = 0; i < n; i++)
        {
            double flow = i < rise ? 0.5 * (1 - Math.Cos(Math.PI * i / rise))
                : i < open ? Math.Cos(0.5 * Math.PI * (i - rise) / (open - rise)) : 0;
            period[i] = flow;
        }
        var derivative = new double[n];
        for (int i = 0; i < n; i++) derivative[i] = (period[(i + 1) % n] - period[i]) * n;
        double norm = 0;
        for (int k = 1; k <= MaxHarmonics; k++)
        {
            double c = 0, s = 0;
            for (int i = 0; i < n; i++)
            {
                double a = 2 * Math.PI * k * i / n;
                c += derivative[i] * Math.Cos(a);
                s += derivative[i] * Math.Sin(a);
            }
            _cos[k] = 2 * c / n;
            _sin[k] = 2 * s / n;
            norm = Math.Max(norm, Math.Sqrt(_cos[k] * _cos[k] + _sin[k] * _sin[k]));
        }
        for (int k = 1; k <= MaxHarmonics; k++) { _cos[k] /= norm; _sin[k] /= norm; }
    }

    /// <summary>Next sample at fundamental <paramref name="f0"/> Hz (0 keeps the phase still and outputs 0).</summary>
    public double Next(double f0)
    {
        if (f0 <= 0) return 0;
        _phase += 2 * Math.PI * f0 / _sampleRate;
        if (_phase > 2 * Math.PI) _phase -= 2 * Math.PI;
        double nyquist = 0.5 * _sampleRate;
        int harmonics = Math.Min(MaxHarmonics, (int)(0.95 * nyquist / f0));
        double c1 = Math.Cos(_phase), s1 = Math.Sin(_phase);
        double cPrev = 1, sPrev = 0, c = c1, s = s1, sum = 0;
        for (int k = 1; k <= harmonics; k++)
        {
            double taper = Math.Min(1, (0.95 * nyquist - k * f0) / (0.1 * nyquist)); // fade the top harmonics
            sum += taper * (_cos[k] * c + _sin[k] * s);
            double cNext = 2 * c1 * c - cPrev, sNext = 2 * c1 * s - sPrev; // Chebyshev recurrence for cos/sin(k phase)
            cPrev = c; sPrev = s; c = cNext; s = sNext;
        }
        return sum;
    }
}
