namespace Audio2Midi.Training.Synthesis;

/// <summary>A small room: Schroeder reverberator (four parallel feedback combs, two series all-passes) mixed with the dry signal.</summary>
public static class Reverb
{
    public static void Apply(float[] signal, int sampleRate, double rt60Seconds, double wet)
    {
        if (wet <= 0) return;
        double[] combMs = [29.7, 37.1, 41.1, 43.7];
        var wetSignal = new double[signal.Length];
        foreach (double ms in combMs)
        {
            int delay = (int)(ms * sampleRate / 1000);
            double gain = Math.Pow(10, -3.0 * delay / (rt60Seconds * sampleRate));
            var buffer = new double[delay];
            int p = 0;
            for (int i = 0; i < signal.Length; i++)
            {
                double y = buffer[p];
                buffer[p] = signal[i] + gain * y;
                if (++p == delay) p = 0;
                wetSignal[i] += 0.25 * y;
            }
        }
        foreach (double ms in new[] { 5.0, 1.7 })
        {
            int delay = (int)(ms * sampleRate / 1000);
            var buffer = new double[delay];
            int p = 0;
            const double g = 0.7;
            for (int i = 0; i < signal.Length; i++)
            {
                double delayed = buffer[p];
                double v = wetSignal[i] + g * delayed;
                buffer[p] = v;
                wetSignal[i] = delayed - g * v;
                if (++p == delay) p = 0;
            }
        }
        for (int i = 0; i < signal.Length; i++) signal[i] = (float)((1 - wet) * signal[i] + wet * wetSignal[i]);
    }
}
