using Audio2Midi.Pitch;

namespace Audio2Midi.Features;

/// <summary>
/// A whole recording through the f0 engine's own stages (streaming pYIN, then <see cref="F0FrameFeatures"/>), frame
/// by frame exactly as the live engine runs them: what training reads, so training and inference see the same numbers.
/// </summary>
public sealed class F0FeatureTrack
{
    private F0FeatureTrack(F0FeatureSet set, float[] features, double[] midi, long[] endSamples)
    {
        Set = set;
        Features = features;
        Midi = midi;
        EndSamples = endSamples;
    }

    public F0FeatureSet Set { get; }

    /// <summary>Numbers per frame (<see cref="F0FeatureSets.Width"/>).</summary>
    public int Width => Set.Width();

    /// <summary>[frames x <see cref="Width"/>].</summary>
    public float[] Features { get; }

    /// <summary>f0 per frame in fractional MIDI, NaN where unvoiced.</summary>
    public double[] Midi { get; }

    /// <summary>Internal sample one past the newest each frame saw.</summary>
    public long[] EndSamples { get; }

    public int Frames => Midi.Length;

    /// <param name="samples">Mono audio at the internal rate (16 kHz).</param>
    /// <param name="set">The features the model reads.</param>
    public static F0FeatureTrack Compute(ReadOnlySpan<float> samples, F0FeatureSet set = F0FeatureSet.Pitch)
    {
        var pyin = new PyinSettings();
        var tracker = new PyinPitchTracker(pyin);
        var function = new F0FrameFeatures(set);
        var features = new List<float>(samples.Length / pyin.HopSamples * function.Width + 64);
        var midi = new List<double>(samples.Length / pyin.HopSamples + 4);
        var ends = new List<long>(midi.Capacity);
        Span<float> row = stackalloc float[function.Width];
        foreach (float s in samples)
        {
            if (!tracker.Push(Dsp.SampleSanitizer.Clean(s), out PitchFrame frame)) continue;
            function.Step(frame, tracker.Latest(SpectralChange.WindowSamples), row);
            foreach (float v in row) features.Add(v);
            midi.Add(frame.Voiced ? frame.Midi : double.NaN);
            ends.Add(frame.EndSample);
        }
        return new F0FeatureTrack(set, features.ToArray(), midi.ToArray(), ends.ToArray());
    }
}
