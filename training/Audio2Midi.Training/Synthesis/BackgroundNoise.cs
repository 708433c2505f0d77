namespace Audio2Midi.Training.Synthesis;

/// <summary>Room/background noise (a mix of white and low-passed "rumble" noise) added at a given SNR to the voice's RMS.</summary>
public static class BackgroundNoise
{
    public static void Add(float[] signal, double snrDb, Random random)
    {
        double voiceRms = Math.Sqrt(signal.Sum(x => (double)x * x) / Math.Max(1, signal.Length));
        if (voiceRms <= 0) voiceRms = 0.01;
        var noise = new double[signal.Length];
        double low = 0, lowShare = random.NextDouble();
        for (int i = 0; i < noise.Length; i++)
        {
            double white = Gaussian(random);
            low = 0.98 * low + 0.02 * white * 7;
            noise[i] = lowShare * low + (1 - lowShare) * white;
        }
        double noiseRms = Math.Sqrt(noise.Sum(x => x * x) / Math.Max(1, noise.Length));
        double scale = voiceRms / Math.Pow(10, snrDb / 20) / Math.Max(noiseRms, 1e-12);
        for (int i = 0; i < signal.Length; i++) signal[i] += (float)(scale * noise[i]);
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
