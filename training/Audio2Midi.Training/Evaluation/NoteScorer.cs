namespace Audio2Midi.Training.Evaluation;

/// <summary>
/// The project's note-transcription scorer: mir_eval.transcription's COnPOff, COnP and COn metrics
/// (DESIGN.md 6), reimplemented so that it agrees with `../shared/tools/score-notes`.
/// </summary>
/// <remarks>
/// Definitions followed exactly (mir_eval 0.7, strict = false):
/// <list type="bullet">
/// <item>Onset hit: |ref onset − est onset|, rounded to 4 decimals (numpy.around: round half to even),
/// ≤ 0.05 s.</item>
/// <item>Pitch hit: pitches converted to Hz (440·2^((m−69)/12)), distance |1200·(log2 f_ref − log2 f_est)|
/// ≤ 50 cents (not rounded).</item>
/// <item>Offset hit (COnPOff only): |ref offset − est offset|, rounded to 4 decimals,
/// ≤ max(0.2·reference duration, 0.05 s).</item>
/// <item>Matching: a maximum bipartite matching of the hit graph (Hopcroft–Karp, in mir_eval's order,
/// see <see cref="BipartiteMatching"/>). Precision = matched / estimates, recall = matched / references,
/// F1 = 2PR/(P+R); all 0 when either list is empty.</item>
/// </list>
/// Ties: the 4-decimal rounding of onset/offset distances is reproduced exactly, so a time distance
/// that lands on a tolerance is decided as mir_eval decides it. A pitch distance of exactly 50 cents
/// (e.g. 62.4 against 62.9) is not decidable that way: mir_eval's answer hangs on the last bit of
/// numpy's pow and log2, which differ between numpy's SIMD kernels and the C library (on an AVX-512
/// machine numpy gives 50.0000000000014 cents for that pair, .NET's Math.Pow/Math.Log2 give ≤ 50).
/// Away from such exact ties the two agree.
/// Before scoring, both lists are normalised as the reference scorer's reader does (mir_eval itself
/// rejects such notes): sorted by (onset, offset, pitch), a note shorter than 1 ms gets offset =
/// onset + 1 ms, and a negative onset becomes 0.
/// </remarks>
public static class NoteScorer
{
    public const double OnsetToleranceSeconds = 0.05;
    public const double PitchToleranceCents = 50.0;
    public const double OffsetRatio = 0.2;
    public const double OffsetMinToleranceSeconds = 0.05;
    /// <summary>Notes shorter than this are stretched to it (as the reference scorer does).</summary>
    public const double MinDurationSeconds = 1e-3;

    /// <summary>Decimals mir_eval keeps of onset/offset distances before comparing them with a tolerance.</summary>
    private const double RoundingScale = 1e4;

    /// <exception cref="ArgumentException">A note has a non-finite value, or ends at or before time 0.</exception>
    public static NoteScores Score(IReadOnlyList<ScoredNote> reference, IReadOnlyList<ScoredNote> estimate)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(estimate);
        var refs = Normalise(reference, nameof(reference), out int refStretched);
        var ests = Normalise(estimate, nameof(estimate), out int estStretched);

        var refLog2Hz = refs.Select(n => Math.Log2(MidiToHz(n.MidiPitch))).ToArray();
        var estLog2Hz = ests.Select(n => Math.Log2(MidiToHz(n.MidiPitch))).ToArray();

        bool OnsetHit(int r, int e) =>
            RoundDistance(Math.Abs(refs[r].Onset - ests[e].Onset)) <= OnsetToleranceSeconds;
        bool PitchHit(int r, int e) =>
            Math.Abs(1200 * (refLog2Hz[r] - estLog2Hz[e])) <= PitchToleranceCents;
        bool OffsetHit(int r, int e)
        {
            double tolerance = Math.Max(OffsetRatio * Math.Abs(refs[r].Offset - refs[r].Onset), OffsetMinToleranceSeconds);
            return RoundDistance(Math.Abs(refs[r].Offset - ests[e].Offset)) <= tolerance;
        }

        var conPOff = MatchNotes(refs, ests, (r, e) => OnsetHit(r, e) && PitchHit(r, e) && OffsetHit(r, e));
        var conP = MatchNotes(refs, ests, (r, e) => OnsetHit(r, e) && PitchHit(r, e));
        var con = MatchNotes(refs, ests, OnsetHit);

        return new NoteScores(
            refs, ests, refStretched, estStretched,
            PrecisionRecallF1.From(conPOff.Length, refs.Length, ests.Length),
            AverageOverlapRatio(conPOff),
            PrecisionRecallF1.From(conP.Length, refs.Length, ests.Length),
            PrecisionRecallF1.From(con.Length, refs.Length, ests.Length),
            conPOff, conP, con,
            OnsetErrorStats.From(conP),
            OnsetErrorStats.From(con));
    }

    /// <summary>MIDI note number to Hz, as the reference scorer converts it: 440·2^((m−69)/12).</summary>
    public static double MidiToHz(double midiPitch) => 440.0 * Math.Pow(2.0, (midiPitch - 69.0) / 12.0);

    /// <summary>numpy.around(x, decimals=4): scale, round half to even, unscale.</summary>
    private static double RoundDistance(double seconds) =>
        Math.Round(seconds * RoundingScale, MidpointRounding.ToEven) / RoundingScale;

    private static NoteMatch[] MatchNotes(ScoredNote[] refs, ScoredNote[] ests, Func<int, int, bool> hit)
    {
        // mir_eval returns all-zero scores (and the reference scorer no matches) when either list is empty.
        if (refs.Length == 0 || ests.Length == 0)
            return [];
        return BipartiteMatching.Match(refs.Length, ests.Length, hit)
            .Select(p => new NoteMatch(p.Ref, p.Est, refs[p.Ref], ests[p.Est]))
            .ToArray();
    }

    /// <summary>mir_eval.transcription.average_overlap_ratio: mean of overlap / span over matched pairs.</summary>
    private static double AverageOverlapRatio(NoteMatch[] matches)
    {
        if (matches.Length == 0)
            return 0;
        double sum = 0;
        foreach (var m in matches)
        {
            var (r, e) = (m.Reference, m.Estimate);
            sum += (Math.Min(r.Offset, e.Offset) - Math.Max(r.Onset, e.Onset))
                 / (Math.Max(r.Offset, e.Offset) - Math.Min(r.Onset, e.Onset));
        }
        return sum / matches.Length;
    }

    private static ScoredNote[] Normalise(IReadOnlyList<ScoredNote> notes, string paramName, out int stretched)
    {
        var sorted = new ScoredNote[notes.Count];
        for (int i = 0; i < sorted.Length; i++)
        {
            var n = notes[i];
            if (!double.IsFinite(n.Onset) || !double.IsFinite(n.Offset) || !double.IsFinite(n.MidiPitch))
                throw new ArgumentException($"note {i} ({n}) has a value that is not finite", paramName);
            sorted[i] = n;
        }
        Array.Sort(sorted, static (a, b) =>
        {
            int c = a.Onset.CompareTo(b.Onset);
            if (c != 0)
                return c;
            c = a.Offset.CompareTo(b.Offset);
            return c != 0 ? c : a.MidiPitch.CompareTo(b.MidiPitch);
        });

        stretched = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            var n = sorted[i];
            double offset = n.Offset;
            if (offset - n.Onset < MinDurationSeconds)
            {
                offset = n.Onset + MinDurationSeconds;
                stretched++;
            }
            double onset = Math.Max(n.Onset, 0.0);
            if (offset <= onset)
                throw new ArgumentException($"note {n} ends at or before time 0", paramName);
            sorted[i] = new ScoredNote(onset, offset, n.MidiPitch);
        }
        return sorted;
    }
}
