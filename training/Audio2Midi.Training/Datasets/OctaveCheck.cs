using Audio2Midi.Midi;
using Audio2Midi.Pitch;

namespace Audio2Midi.Training.Datasets;

/// <summary>
/// Result of comparing the labels with the sung pitch. <see cref="VoiceMinusLabel"/> is the constant offset in
/// semitones (a multiple of 12, 0 when the labels are right): the seed's labels sat an octave above the
/// singing, which reads -12 here, and the fix is to add it to every label.
/// </summary>
public sealed record OctaveCheckResult(int NotesCompared, int VoiceMinusLabel, double AgreeingShare, double ShareAtZero);

/// <summary>Compares each labelled note with the pYIN pitch sung in its middle half (PyinPitchTracker frames at 16 kHz).</summary>
public static class OctaveCheck
{
    /// <summary>Fewer compared notes than this never count as a constant offset.</summary>
    public const int MinNotes = 3;

    public static OctaveCheckResult Run(float[] mono16k, IReadOnlyList<MidiNote> notes)
    {
        var settings = new PyinSettings();
        if (mono16k.Length == 0 || notes.Count == 0) return new OctaveCheckResult(0, 0, 0, 0);
        var tracker = new PyinPitchTracker(settings);
        int frameCount = mono16k.Length / settings.HopSamples + 2;
        var midi = new double[frameCount];
        Array.Fill(midi, double.NaN);
        foreach (float x in mono16k)
        {
            if (!tracker.Push(x, out PitchFrame f) || !f.Voiced) continue;
            double centre = f.EndSample - settings.WindowSamples / 2.0;
            int index = (int)Math.Round(centre / settings.HopSamples);
            if (index >= 0 && index < frameCount) midi[index] = f.Midi;
        }
        var differences = new List<double>();
        foreach (MidiNote n in notes)
        {
            double length = n.OffsetSeconds - n.OnsetSeconds;
            if (length < 0.1) continue;
            int from = (int)((n.OnsetSeconds + 0.25 * length) * settings.SampleRate / settings.HopSamples);
            int to = (int)((n.OnsetSeconds + 0.75 * length) * settings.SampleRate / settings.HopSamples);
            var sung = new List<double>();
            for (int i = Math.Max(0, from); i <= Math.Min(frameCount - 1, to); i++)
                if (!double.IsNaN(midi[i])) sung.Add(midi[i]);
            if (sung.Count < 3) continue;
            sung.Sort();
            differences.Add(sung[sung.Count / 2] - n.Pitch);
        }
        if (differences.Count == 0) return new OctaveCheckResult(0, 0, 0, 0);
        double Share(int offset) => differences.Count(d => Math.Abs(d - offset) <= 1.0) / (double)differences.Count;
        int best = new[] { -24, -12, 0, 12, 24 }.MaxBy(Share);
        double atZero = Share(0);
        // A constant offset: most notes agree with it, and clearly more than with the labels as they are.
        int offsetFound = best != 0 && differences.Count >= MinNotes && Share(best) >= 0.5 && Share(best) > 2 * atZero ? best : 0;
        return new OctaveCheckResult(differences.Count, offsetFound, Share(offsetFound), atZero);
    }
}
