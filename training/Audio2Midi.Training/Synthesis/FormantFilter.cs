namespace Audio2Midi.Training.Synthesis;

/// <summary>
/// The vocal tract: a cascade of two-pole resonators (one per formant) whose frequencies and bandwidths may
/// change every sample; each resonator has unit gain at DC so the cascade keeps the source's level.
/// </summary>
public sealed class FormantFilter(double sampleRate, int formants = 4)
{
    private readonly double[] _y1 = new double[formants];
    private readonly double[] _y2 = new double[formants];

    public int Count => formants;

    public double Process(double x, ReadOnlySpan<double> frequencies, ReadOnlySpan<double> bandwidths)
    {
        double y = x;
        for (int i = 0; i < formants; i++)
        {
            double r = Math.Exp(-Math.PI * bandwidths[i] / sampleRate);
            double b1 = 2 * r * Math.Cos(2 * Math.PI * frequencies[i] / sampleRate);
            double b2 = -r * r;
            double gain = 1 - b1 - b2;
            double output = gain * y + b1 * _y1[i] + b2 * _y2[i];
            _y2[i] = _y1[i];
            _y1[i] = output;
            y = output;
        }
        return y;
    }
}
