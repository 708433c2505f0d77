namespace Audio2Midi.Benchmarks;

/// <summary>A deterministic sung-like test signal: harmonic tone, vibrato, notes and rests, a little noise.</summary>
public static class SungMelody
{
    public static float[] Render(double seconds, int rate)
    {
        var x = new float[(int)(seconds * rate)];
        var random = new Random(11);
        int[] melody = [57, 60, 62, 64, 67, 64, 62, 60, 55, 57];
        double phase = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double t = (double)i / rate;
            int note = (int)(t / 0.4);
            double inNote = t - note * 0.4;
            bool rest = note % 5 == 4;
            double sample = 0;
            if (!rest)
            {
                double midi = melody[note % melody.Length] + 0.3 * Math.Sin(2 * Math.PI * 5.5 * t);
                double hz = 440 * Math.Pow(2, (midi - 69) / 12);
                phase += 2 * Math.PI * hz / rate;
                double envelope = Math.Min(1, Math.Min(inNote / 0.01, (0.4 - inNote) / 0.02));
                for (int h = 1; h <= 10; h++) sample += Math.Sin(h * phase) / h;
                sample *= 0.2 * envelope;
            }
            x[i] = (float)(sample + 0.002 * (2 * random.NextDouble() - 1));
        }
        return x;
    }
}
