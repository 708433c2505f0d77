namespace Audio2Midi.Training.Evaluation;

/// <summary>The notes of one stretch of a recording: COnP matches, reference notes and estimated notes.</summary>
public readonly record struct BlockTally(int Matched, int References, int Estimates);

/// <summary>
/// A bootstrap estimate: the figure measured on the whole set, the 95 % percentile interval over the resamples and the
/// share of resamples above zero (for a difference: how often the first engine came out ahead).
/// </summary>
public readonly record struct BootstrapInterval(double Estimate, double Low, double High, double ShareAboveZero);

/// <summary>
/// How far a folder's mean COnP F1 (and the difference between two engines on the same folder) can be trusted. A
/// handful of recordings with a few dozen notes each moves by 0.01 for one note, so a change smaller than the
/// noise of the set is no change. Each recording is cut into <see cref="BlockSeconds"/> blocks by note onset; a
/// resample draws as many blocks as the recording has, with replacement, and scores the recording from the notes of
/// the drawn blocks; the statistic is the mean over recordings, as the figure itself. Blocks rather than notes,
/// because a singer's errors come in runs (a phrase sung flat, a melisma). The recordings themselves are kept: the
/// interval says how much other material like theirs would move the figure, not how other singers would. For two
/// engines the same blocks are drawn for both (a paired bootstrap), which takes the material's own difficulty out.
/// </summary>
public static class BlockBootstrap
{
    /// <summary>About a sung phrase: errors within it hang together (vocadito's clips of 9-33 s give 3-12 blocks; 10 s blocks gave the 9 s clip one, which no resample can vary).</summary>
    public const double BlockSeconds = 3;
    public const int Resamples = 2000;
    private const int Seed = 17;   // the same resamples every run: a printed interval can be reproduced

    /// <summary>
    /// The notes of <paramref name="scores"/> by block of <paramref name="blockSeconds"/>: a reference note in the block of
    /// its onset; a COnP match in its reference note's block, and its estimated note with it (so no block has more
    /// matches than estimates); an unmatched estimated note in the block of its onset. Summed over the blocks the
    /// tallies give the recording's own COnP F1.
    /// </summary>
    /// <param name="blocks">At least <see cref="BlockCount"/> of the scores (two engines on one recording share a count).</param>
    public static BlockTally[] Tally(NoteScores scores, int blocks, double blockSeconds = BlockSeconds)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentOutOfRangeException.ThrowIfLessThan(blocks, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSeconds);
        var matched = new int[blocks];
        var references = new int[blocks];
        var estimates = new int[blocks];
        int Block(double onset)
        {
            int b = (int)Math.Floor(onset / blockSeconds);
            if (b >= blocks) throw new ArgumentOutOfRangeException(nameof(blocks), blocks, $"a note starts at {onset:0.###} s, past {blocks} blocks of {blockSeconds} s");
            return Math.Max(0, b);
        }
        foreach (ScoredNote r in scores.Reference) references[Block(r.Onset)]++;
        var estimateMatched = new bool[scores.EstimateCount];
        foreach (NoteMatch m in scores.COnPMatches)
        {
            int b = Block(m.Reference.Onset);
            matched[b]++;
            estimates[b]++;
            estimateMatched[m.EstimateIndex] = true;
        }
        for (int e = 0; e < scores.EstimateCount; e++)
            if (!estimateMatched[e]) estimates[Block(scores.Estimate[e].Onset)]++;
        var tallies = new BlockTally[blocks];
        for (int b = 0; b < blocks; b++) tallies[b] = new BlockTally(matched[b], references[b], estimates[b]);
        return tallies;
    }

    /// <summary>Blocks of <paramref name="blockSeconds"/> that hold every note onset of every one of <paramref name="scores"/> (at least one).</summary>
    public static int BlockCount(double blockSeconds, params NoteScores[] scores)
    {
        double last = scores.SelectMany(s => s.Reference.Concat(s.Estimate)).Select(n => n.Onset).DefaultIfEmpty(0).Max();
        return Math.Max(1, (int)Math.Floor(Math.Max(0, last) / blockSeconds) + 1);
    }

    /// <summary>The mean over recordings of COnP F1, with its 95 % interval.</summary>
    public static BootstrapInterval MeanF1(IReadOnlyList<NoteScores> recordings, double blockSeconds = BlockSeconds, int resamples = Resamples)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        if (recordings.Count == 0) throw new ArgumentException("no recordings to resample", nameof(recordings));
        BlockTally[][] tallies = recordings.Select(s => Tally(s, BlockCount(blockSeconds, s), blockSeconds)).ToArray();
        return Resample(tallies, null, resamples);
    }

    /// <summary>
    /// The mean COnP F1 of engine <paramref name="a"/> minus engine <paramref name="b"/>'s on the same recordings (in the
    /// same order), with its 95 % interval from paired resamples and the share of resamples in which <paramref name="a"/> scores higher.
    /// </summary>
    public static BootstrapInterval Difference(IReadOnlyList<NoteScores> a, IReadOnlyList<NoteScores> b, double blockSeconds = BlockSeconds, int resamples = Resamples)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0) throw new ArgumentException("no recordings to resample", nameof(a));
        if (a.Count != b.Count) throw new ArgumentException($"the engines were scored on {a.Count} and {b.Count} recordings; a paired comparison needs the same ones", nameof(b));
        var tallyA = new BlockTally[a.Count][];
        var tallyB = new BlockTally[a.Count][];
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].ReferenceCount != b[i].ReferenceCount)
                throw new ArgumentException($"recording {i + 1} has {a[i].ReferenceCount} reference notes for one engine and {b[i].ReferenceCount} for the other: not the same recording", nameof(b));
            int blocks = BlockCount(blockSeconds, a[i], b[i]);
            tallyA[i] = Tally(a[i], blocks, blockSeconds);
            tallyB[i] = Tally(b[i], blocks, blockSeconds);
        }
        return Resample(tallyA, tallyB, resamples);
    }

    /// <summary>The mean F1 of <paramref name="a"/> (minus <paramref name="b"/>'s when given) on the whole set and over resamples that draw the same blocks for both.</summary>
    private static BootstrapInterval Resample(BlockTally[][] a, BlockTally[][]? b, int resamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        var all = a.Select(t => Enumerable.Range(0, t.Length).ToArray()).ToArray();
        double estimate = Statistic(a, b, all);
        var random = new Random(Seed);
        var drawn = a.Select(t => new int[t.Length]).ToArray();
        var values = new double[resamples];
        for (int k = 0; k < resamples; k++)
        {
            for (int i = 0; i < a.Length; i++)
                for (int j = 0; j < drawn[i].Length; j++) drawn[i][j] = random.Next(a[i].Length);
            values[k] = Statistic(a, b, drawn);
        }
        Array.Sort(values);
        return new BootstrapInterval(estimate, Percentile(values, 0.025), Percentile(values, 0.975), values.Count(v => v > 0) / (double)resamples);
    }

    private static double Statistic(BlockTally[][] a, BlockTally[][]? b, int[][] drawn) =>
        MeanF1(a, drawn) - (b is null ? 0 : MeanF1(b, drawn));

    private static double MeanF1(BlockTally[][] tallies, int[][] drawn)
    {
        double sum = 0;
        for (int i = 0; i < tallies.Length; i++)
        {
            int m = 0, r = 0, e = 0;
            foreach (int j in drawn[i])
            {
                m += tallies[i][j].Matched;
                r += tallies[i][j].References;
                e += tallies[i][j].Estimates;
            }
            sum += PrecisionRecallF1.From(m, r, e).F1;
        }
        return sum / tallies.Length;
    }

    /// <summary>The <paramref name="q"/> quantile of sorted values, linearly interpolated (numpy's default).</summary>
    private static double Percentile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(sorted.Length - 1, below + 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
