using Audio2Midi.Pitch;

namespace Audio2Midi.Training.Evaluation;

/// <summary>
/// How often a live engine could name each reference note correctly if it had to decide the note X ms
/// after its (annotated) onset from the live pitch track alone: the fraction of reference notes whose
/// pitch, taken from the newest frame available by then and rounded to the nearest semitone, lies
/// within 50 cents of the reference pitch (an unvoiced frame counts as wrong). Onset detection is
/// assumed perfect and no extra note is counted, so this bounds the live COnP recall of any engine
/// that names a note from the pitch it hears when it emits the NoteOn, and tells how much of the loss
/// is singers still moving into their notes.
/// </summary>
public static class OnsetPitchCeiling
{
    public static readonly int[] DefaultDelaysMs = [20, 30, 40, 50, 60, 80];

    /// <summary>Fraction of <paramref name="reference"/> notes named right at each delay of <paramref name="delaysMs"/>.</summary>
    public static double[] Measure(IReadOnlyList<TimedPitchFrame> track, IReadOnlyList<ScoredNote> reference, IReadOnlyList<int> delaysMs)
    {
        var right = new double[delaysMs.Count];
        if (reference.Count == 0) return right;
        for (int d = 0; d < delaysMs.Count; d++)
        {
            int count = 0;
            foreach (ScoredNote note in reference)
            {
                int k = NewestAvailable(track, note.Onset + delaysMs[d] / 1000.0);
                if (k < 0 || !track[k].Frame.Voiced || !double.IsFinite(track[k].Frame.Midi)) continue;
                if (Math.Abs(Math.Round(track[k].Frame.Midi) - note.MidiPitch) <= 0.5) count++;
            }
            right[d] = (double)count / reference.Count;
        }
        return right;
    }

    /// <summary>Index of the last frame available at <paramref name="seconds"/>, or -1.</summary>
    private static int NewestAvailable(IReadOnlyList<TimedPitchFrame> track, double seconds)
    {
        int lo = 0, hi = track.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (track[mid].AvailableSeconds <= seconds) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }

    /// <summary>Measures one recording against its reference notes with the live engine's own pitch tracker.</summary>
    public static double[] Measure(string wav, IReadOnlyList<ScoredNote> reference, IReadOnlyList<int> delaysMs, PyinSettings? settings = null) =>
        Measure(LivePitchTrack.Read(wav, settings ?? new PyinSettings()), reference, delaysMs);
}
