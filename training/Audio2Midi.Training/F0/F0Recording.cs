using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Notes;
using Audio2Midi.Training.Evaluation;

namespace Audio2Midi.Training.F0;

/// <summary>
/// One recording as the f0 model trains on it: the engine's own features (<see cref="F0FeatureTrack"/>) and, per
/// frame, the note labels: onset and offset (the frame nearest each, and one either side), frame (inside a note),
/// and for each head the delta it must predict: the note's pitch minus the median f0 over the frames the head has
/// heard (<see cref="F0Median"/>, as the decoder computes it), NaN where there is no note or no voiced f0.
/// </summary>
public sealed class F0Recording
{
    private F0Recording(string name, double shift, F0FeatureTrack track, float[] onset, float[] offset, float[] frame, float[][] delta, int[] intoNote, (int Frame, double Pitch)[] starts)
    {
        Name = name;
        ShiftSemitones = shift;
        Track = track;
        Onset = onset;
        Offset = offset;
        Frame = frame;
        Delta = delta;
        IntoNote = intoNote;
        Starts = starts;
    }

    public string Name { get; }

    /// <summary>The pitch shift the audio was rendered at (0 = as recorded).</summary>
    public double ShiftSemitones { get; }

    public F0FeatureTrack Track { get; }

    public int Frames => Track.Frames;

    public float[] Onset { get; }

    public float[] Offset { get; }

    public float[] Frame { get; }

    /// <summary>[head][frame]: the delta target (NaN = none).</summary>
    public float[][] Delta { get; }

    /// <summary>Per frame: frames since the start of the note it lies in (-1 = none), so the loss can weigh a note's first frames, where the decoder reads the delta.</summary>
    public int[] IntoNote { get; }

    /// <summary>Each labelled note's onset frame and pitch, in time order.</summary>
    public (int Frame, double Pitch)[] Starts { get; }

    /// <param name="samples">16 kHz mono audio (already shifted, if it is).</param>
    /// <param name="notes">Reference notes with their times and pitches already shifted to match.</param>
    /// <param name="features">What the model reads per frame.</param>
    public static F0Recording Build(string name, double shift, ReadOnlySpan<float> samples, IReadOnlyList<ScoredNote> notes, F0Heads heads,
        F0FeatureSet features = F0FeatureSet.Pitch)
    {
        F0FeatureTrack track = F0FeatureTrack.Compute(samples, features);
        int n = track.Frames;
        var onset = new float[n];
        var offset = new float[n];
        var frame = new float[n];
        var pitch = new double[n];
        Array.Fill(pitch, double.NaN);
        var intoNote = new int[n];
        Array.Fill(intoNote, -1);
        double frameSeconds = (double)F0Heads.HopSamples / F0Heads.SampleRate;
        // Frame t stands for the instant (EndSample - centre offset); frames are evenly spaced from frame 0.
        double t0 = n > 0 ? (track.EndSamples[0] - F0Heads.CentreOffsetSamples) / (double)F0Heads.SampleRate : 0;
        int FrameAt(double seconds) => (int)Math.Round((seconds - t0) / frameSeconds);
        var starts = new List<(int Frame, double Pitch)>();
        foreach (ScoredNote note in notes)
        {
            int on = FrameAt(note.Onset), off = FrameAt(note.Offset);
            starts.Add((on, note.MidiPitch));
            for (int t = Math.Max(0, on); t < Math.Min(n, off); t++)
            {
                frame[t] = 1;
                pitch[t] = note.MidiPitch;
                intoNote[t] = t - on;
            }
            for (int k = -1; k <= 1; k++)
            {
                if (on + k >= 0 && on + k < n) onset[on + k] = 1;
                if (off + k >= 0 && off + k < n) offset[off + k] = 1;
            }
        }
        var delta = new float[heads.Count][];
        var scratch = new double[heads.DelayFrames[^1] + 1];
        for (int h = 0; h < heads.Count; h++)
        {
            int look = heads.DelayFrames[h];
            delta[h] = new float[n];
            for (int t = 0; t < n; t++)
            {
                delta[h][t] = float.NaN;
                if (double.IsNaN(pitch[t])) continue;
                double anchor = VoicedMedian(track.Midi, t, t + look, scratch);
                if (!double.IsNaN(anchor) && Math.Abs(pitch[t] - anchor) <= 6) delta[h][t] = (float)(pitch[t] - anchor);
            }
        }
        return new F0Recording(name, shift, track, onset, offset, frame, delta, intoNote, starts.OrderBy(x => x.Frame).ToArray());
    }

    /// <summary>The median of the voiced f0 (MIDI) over frames <paramref name="first"/>..<paramref name="last"/> (clipped at the end; NaN when none is voiced), as the decoder takes a head's anchor.</summary>
    /// <param name="scratch">Room for the window's frames.</param>
    public static double VoicedMedian(double[] midi, int first, int last, double[] scratch)
    {
        int count = 0;
        for (int k = first; k <= Math.Min(midi.Length - 1, last); k++)
            if (!double.IsNaN(midi[k])) scratch[count++] = midi[k];
        return F0Median.Of(scratch.AsSpan(0, count));
    }
}
