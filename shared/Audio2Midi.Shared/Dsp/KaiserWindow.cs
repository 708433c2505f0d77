namespace Audio2Midi.Dsp;

/// <summary>
/// Kaiser window and Kaiser-windowed sinc, evaluated at continuous positions (used to build
/// polyphase interpolation tables). Everything here runs at construction time, never on the audio thread.
/// </summary>
public static class KaiserWindow
{
    /// <summary>Zeroth-order modified Bessel function of the first kind, by its power series.</summary>
    public static double BesselI0(double x)
    {
        double sum = 1.0, term = 1.0, q = x * x * 0.25;
        for (int k = 1; k < 500; k++)
        {
            term *= q / ((double)k * k);
            sum += term;
            if (term < sum * 1e-17)
                break;
        }
        return sum;
    }

    /// <summary>Kaiser's empirical beta for a stop-band attenuation of <paramref name="attenuationDb"/> dB.</summary>
    public static double BetaForAttenuation(double attenuationDb)
    {
        if (attenuationDb > 50.0)
            return 0.1102 * (attenuationDb - 8.7);
        if (attenuationDb >= 21.0)
            return 0.5842 * Math.Pow(attenuationDb - 21.0, 0.4) + 0.07886 * (attenuationDb - 21.0);
        return 0.0;
    }

    /// <summary>
    /// Kaiser's estimate of the full window length (in samples) for a transition band of
    /// <paramref name="transitionWidth"/> cycles per sample and the given attenuation.
    /// </summary>
    public static double LengthForSpec(double attenuationDb, double transitionWidth)
        => (attenuationDb - 7.95) / (2.285 * 2.0 * Math.PI * transitionWidth);

    /// <summary>Window value at position <paramref name="t"/> for a window spanning [-halfWidth, halfWidth]; 0 outside.</summary>
    public static double Window(double t, double halfWidth, double beta, double i0Beta)
    {
        double r = t / halfWidth;
        if (r <= -1.0 || r >= 1.0)
            return 0.0;
        return BesselI0(beta * Math.Sqrt(1.0 - r * r)) / i0Beta;
    }

    /// <summary>sin(pi x)/(pi x).</summary>
    public static double Sinc(double x)
    {
        if (Math.Abs(x) < 1e-12)
            return 1.0;
        double px = Math.PI * x;
        return Math.Sin(px) / px;
    }
}
