namespace Audio2Midi.Training.Evaluation;

/// <summary>
/// Where a COnP F1 was lost: every reference (sung) note in one class, and every estimated note that matched no sung
/// note by its onset in one of two. It tells a model's developer whether to work on pitch or on segmentation, and which
/// part of it (notes started a little early, repeats held as one note, notes split by a wrong first pitch).
/// </summary>
/// <remarks>
/// The classes come from the scorer's own matchings (<see cref="NoteScores.COnPMatches"/>, <see cref="NoteScores.COnMatches"/>),
/// so <see cref="Right"/> is exactly the COnP-matched count. A reference note the onset matching paired but the COnP one
/// did not is classed by the rounded pitch difference to its partner (0: its partner went to a neighbour with the same
/// pitch). A reference note neither paired is classed by the unpaired estimates near it.
/// </remarks>
public sealed record NoteErrorBreakdown
{
    /// <summary>How far from a missed note's onset an unpaired estimate still counts as that note started early or late.</summary>
    public const double NearSeconds = 0.15;

    public int References { get; init; }
    public int Estimates { get; init; }

    /// <summary>Onset within 50 ms and pitch within 50 cents (the COnP matches).</summary>
    public int Right { get; init; }
    /// <summary>Onset paired, pitch a semitone off.</summary>
    public int PitchOffOne { get; init; }
    /// <summary>Onset paired, pitch 2-11 (or 13 and more, not whole octaves) semitones off.</summary>
    public int PitchOffMore { get; init; }
    /// <summary>Onset paired, pitch whole octaves off (the f0 tracker's octave errors).</summary>
    public int PitchOffOctaves { get; init; }
    /// <summary>Onset paired with a note of the right pitch that the COnP matching gave to a neighbour.</summary>
    public int PairedElsewhere { get; init; }
    /// <summary>Missed; an unpaired estimate started 50-150 ms before it.</summary>
    public int StartedEarly { get; init; }
    /// <summary>Missed; an unpaired estimate started 50-150 ms after it.</summary>
    public int StartedLate { get; init; }
    /// <summary>Missed; an estimate that started earlier sounds through its onset (a repeat held as one note, a legato change not taken).</summary>
    public int HeldThrough { get; init; }
    /// <summary>Missed; nothing started near it or sounds through it.</summary>
    public int NothingThere { get; init; }

    /// <summary>Estimates paired with no reference note by their onset that start inside a sung note (a split, a wrong first pitch corrected).</summary>
    public int ExtraInsideNote { get; init; }
    /// <summary>Estimates paired with no reference note by their onset that start where no note was sung (a breath, noise, a gap).</summary>
    public int ExtraOutside { get; init; }

    /// <summary>The reference classes in print order, with their names; they add up to <see cref="References"/>.</summary>
    public IReadOnlyList<(string Name, int Count)> ReferenceClasses =>
    [
        ("right (COnP)", Right),
        ("onset right, pitch 1 semitone off", PitchOffOne),
        ("onset right, pitch 2+ semitones off", PitchOffMore),
        ("onset right, pitch octaves off", PitchOffOctaves),
        ("onset right, its note paired with a neighbour", PairedElsewhere),
        ("missed: a note started 50-150 ms early", StartedEarly),
        ("missed: a note started 50-150 ms late", StartedLate),
        ("missed: held through by the note before", HeldThrough),
        ("missed: nothing there", NothingThere),
    ];

    /// <summary>The classes of the estimates no sung note was paired with by onset.</summary>
    public IReadOnlyList<(string Name, int Count)> ExtraClasses =>
    [
        ("extra: starts inside a sung note", ExtraInsideNote),
        ("extra: starts where none was sung", ExtraOutside),
    ];

    /// <summary>Classes one recording's scores.</summary>
    public static NoteErrorBreakdown From(NoteScores scores)
    {
        IReadOnlyList<ScoredNote> refs = scores.Reference, ests = scores.Estimate;
        var right = scores.COnPMatches.Select(m => m.ReferenceIndex).ToHashSet();
        var byOnset = scores.COnMatches.ToDictionary(m => m.ReferenceIndex, m => m.EstimateIndex);
        var pairedEstimates = scores.COnMatches.Select(m => m.EstimateIndex).Concat(scores.COnPMatches.Select(m => m.EstimateIndex)).ToHashSet();
        var unpaired = Enumerable.Range(0, ests.Count).Where(e => !pairedEstimates.Contains(e)).ToArray();

        int one = 0, more = 0, octaves = 0, elsewhere = 0, early = 0, late = 0, held = 0, nothing = 0;
        for (int r = 0; r < refs.Count; r++)
        {
            if (right.Contains(r)) continue;
            ScoredNote sung = refs[r];
            if (byOnset.TryGetValue(r, out int e))
            {
                int off = (int)Math.Round(Math.Abs(ests[e].MidiPitch - sung.MidiPitch), MidpointRounding.AwayFromZero);
                if (off == 0) elsewhere++;
                else if (off % 12 == 0) octaves++;
                else if (off == 1) one++;
                else more++;
                continue;
            }
            double? nearest = null;
            foreach (int u in unpaired)
            {
                double d = ests[u].Onset - sung.Onset;
                if (Math.Abs(d) <= NearSeconds && (nearest is null || Math.Abs(d) < Math.Abs(nearest.Value))) nearest = d;
            }
            if (nearest is double near)
            {
                if (near < 0) early++;
                else late++;
            }
            else if (ests.Any(n => n.Onset < sung.Onset && n.Offset > sung.Onset)) held++;
            else nothing++;
        }

        int inside = unpaired.Count(u => refs.Any(n => ests[u].Onset > n.Onset && ests[u].Onset < n.Offset));
        return new NoteErrorBreakdown
        {
            References = refs.Count, Estimates = ests.Count, Right = right.Count,
            PitchOffOne = one, PitchOffMore = more, PitchOffOctaves = octaves, PairedElsewhere = elsewhere,
            StartedEarly = early, StartedLate = late, HeldThrough = held, NothingThere = nothing,
            ExtraInsideNote = inside, ExtraOutside = unpaired.Length - inside,
        };
    }

    /// <summary>The classes of a folder's recordings together.</summary>
    public static NoteErrorBreakdown Of(IEnumerable<RecordingScore> recordings) => Sum(recordings.Select(r => From(r.Scores)));

    /// <summary>The classes of several recordings together.</summary>
    public static NoteErrorBreakdown Sum(IEnumerable<NoteErrorBreakdown> parts) =>
        parts.Aggregate(new NoteErrorBreakdown(), (a, b) => new NoteErrorBreakdown
        {
            References = a.References + b.References, Estimates = a.Estimates + b.Estimates, Right = a.Right + b.Right,
            PitchOffOne = a.PitchOffOne + b.PitchOffOne, PitchOffMore = a.PitchOffMore + b.PitchOffMore, PitchOffOctaves = a.PitchOffOctaves + b.PitchOffOctaves,
            PairedElsewhere = a.PairedElsewhere + b.PairedElsewhere, StartedEarly = a.StartedEarly + b.StartedEarly, StartedLate = a.StartedLate + b.StartedLate,
            HeldThrough = a.HeldThrough + b.HeldThrough, NothingThere = a.NothingThere + b.NothingThere,
            ExtraInsideNote = a.ExtraInsideNote + b.ExtraInsideNote, ExtraOutside = a.ExtraOutside + b.ExtraOutside,
        });
}
