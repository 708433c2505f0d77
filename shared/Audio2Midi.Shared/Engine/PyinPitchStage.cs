using Audio2Midi.Models;
using Audio2Midi.Pitch;

namespace Audio2Midi.Engine;

/// <summary>
/// The hybrid's pitch stage: streaming pYIN on the model engine's own internal samples, and a rewrite of each model
/// frame's pitch distribution so that all its voiced mass sits on the semitone pYIN hears (rounded), wherever pYIN
/// says the frame is voiced and the pitch is in the model's range. Onset, offset and voicing stay the model's, so
/// the model decides when notes start and end and pYIN names them. Allocation-free after construction.
/// </summary>
public sealed class PyinPitchStage
{
    private readonly PyinPitchTracker _tracker;
    private bool _voiced;
    private double _midi;

    /// <param name="sampleRate">The model's feature rate: pYIN runs on the same samples.</param>
    public PyinPitchStage(int sampleRate)
    {
        // No HMM look-back: the model frame takes the latest pYIN frame, as soon as it exists.
        Settings = new PyinSettings { SampleRate = sampleRate, DecoderLagFrames = 0 };
        _tracker = new PyinPitchTracker(Settings);
    }

    public PyinSettings Settings { get; }

    public void Push(float sample)
    {
        if (!_tracker.Push(sample, out PitchFrame frame)) return;
        _voiced = frame.Voiced;
        _midi = frame.Midi;
    }

    public void Apply(Span<float> posteriors, PosteriorLayout layout)
    {
        if (!_voiced || !double.IsFinite(_midi)) return;
        int index = (int)Math.Round(_midi) - layout.MinPitch;
        if (index < 0 || index >= layout.Pitches) return;
        Span<float> pitches = posteriors.Slice(layout.Frame, layout.Pitches);
        float mass = 0;
        foreach (float p in pitches) mass += float.IsFinite(p) ? p : 0;
        pitches.Clear();
        pitches[index] = mass;
    }

    public void Reset()
    {
        _tracker.Reset();
        _voiced = false;
        _midi = 0;
    }
}
