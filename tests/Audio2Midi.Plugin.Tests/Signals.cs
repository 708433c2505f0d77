namespace Audio2Midi.Plugin.Tests;

/// <summary>Test voices: harmonic tones that the pYIN engine reads as sung notes.</summary>
internal static class Signals
{
    public static double Hz(double midi) => 440 * Math.Pow(2, (midi - 69) / 12);

    /// <summary>A steady harmonic tone with 10 ms fades, amplitude 0.3.</summary>
    public static float[] Tone(double midi, double seconds, double rate, double amplitude = 0.3)
    {
        int n = (int)(seconds * rate);
        var x = new float[n];
        double f = Hz(midi);
        int fade = (int)(0.01 * rate);
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int k = 1; k <= 8 && k * f < rate / 2; k++) s += Math.Sin(2 * Math.PI * k * f * i / rate) / k;
            double env = Math.Min(1, Math.Min((double)i / fade, (double)(n - i) / fade));
            x[i] = (float)(amplitude * 0.6 * s * env);
        }
        return x;
    }

    public static float[] Silence(double seconds, double rate) => new float[(int)(seconds * rate)];

    public static float[] Concat(params float[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>A little melody: notes with gaps, 0.35 s each.</summary>
    public static float[] Melody(double rate, params double[] midis) =>
        Concat(midis.SelectMany(m => new[] { Tone(m, 0.35, rate), Silence(0.1, rate) }).Prepend(Silence(0.1, rate)).ToArray());
}
