using NWaves.Operations;
using NWaves.Operations.Tsm;
using NWaves.Signals;

namespace Audio2Midi.Training.F0;

/// <summary>
/// A take sung faster or slower at the same pitch, for tempo augmentation: NWaves' WSOLA (waveform-similarity
/// overlap-add, the usual time-scale modification for a single voice; it keeps each period's shape, so the f0 and the
/// timbre are the sung ones). Time maps linearly: an instant t of the take is at t / tempo in the result (within a
/// few milliseconds at note edges, where the overlap-add smears).
/// </summary>
public static class TempoStretch
{
    /// <summary>Tempo factors the stretch is trusted over: beyond them WSOLA's repeated or skipped periods get audible.</summary>
    public const double Slowest = 0.5, Fastest = 2.0;

    /// <param name="tempo">1.25 = 25 % faster (shorter), 0.8 = slower (longer).</param>
    public static float[] Apply(float[] samples, int sampleRate, double tempo)
    {
        if (!(tempo >= Slowest && tempo <= Fastest)) throw new ArgumentOutOfRangeException(nameof(tempo), tempo, $"tempo must be {Slowest}..{Fastest}");
        if (tempo == 1 || samples.Length == 0) return samples;
        float[] stretched = Operation.TimeStretch(new DiscreteSignal(sampleRate, samples), 1 / tempo, TsmAlgorithm.Wsola).Samples;
        // NWaves pads its last frames; keep the stretched length of the take itself.
        int length = Math.Min(stretched.Length, (int)Math.Round(samples.Length / tempo));
        return stretched.AsSpan(0, length).ToArray();
    }
}
