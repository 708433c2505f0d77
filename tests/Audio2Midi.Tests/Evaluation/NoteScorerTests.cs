using System.Globalization;
using System.Text.Json;
using Audio2Midi.IO;
using Audio2Midi.Training.Evaluation;

namespace Audio2Midi.Tests.Evaluation;

public class NoteScorerTests
{
    private static ScoredNote N(double onset, double offset, double pitch) => new(onset, offset, pitch);

    // ---------------------------------------------------------------- hand-made cases

    [Fact]
    public void ExactCopyScoresOneEverywhere()
    {
        ScoredNote[] notes = [N(0.5, 1.0, 60), N(1.2, 1.5, 62.3), N(2.0, 3.0, 57)];
        var s = NoteScorer.Score(notes, notes);
        foreach (var m in new[] { s.COnPOff, s.COnP, s.COn })
        {
            Assert.Equal(3, m.Matched);
            Assert.Equal(1.0, m.Precision);
            Assert.Equal(1.0, m.Recall);
            Assert.Equal(1.0, m.F1);
        }
        Assert.Equal(1.0, s.COnPOffAverageOverlap, 12);
        Assert.Equal(3, s.OnsetErrors.Count);
        Assert.Equal(0.0, s.OnsetErrors.MeanAbsoluteMs);
        Assert.Equal(0.0, s.OnsetErrors.MedianMs);
        Assert.Equal(0.0, s.OnsetErrors.Percentile95Ms);
    }

    [Theory]
    [InlineData(0.049, true)]
    [InlineData(-0.049, true)]
    [InlineData(0.051, false)]
    [InlineData(-0.051, false)]
    [InlineData(0.05, true)] // 1.05 - 1.0 is 0.0500000000000000444 in binary; mir_eval rounds to 4 decimals first
    [InlineData(-0.05, true)]
    public void OnsetToleranceIs50Ms(double shift, bool matches)
    {
        var s = NoteScorer.Score([N(1.0, 2.0, 60)], [N(1.0 + shift, 2.0, 60)]);
        int expected = matches ? 1 : 0;
        Assert.Equal(expected, s.COn.Matched);
        Assert.Equal(expected, s.COnP.Matched);
        Assert.Equal(expected, s.COnPOff.Matched);
    }

    [Theory]
    [InlineData(0.49, true)]
    [InlineData(-0.49, true)]
    [InlineData(0.51, false)]
    [InlineData(-0.51, false)]
    public void PitchToleranceIs50Cents(double semitones, bool matches)
    {
        var s = NoteScorer.Score([N(1.0, 2.0, 64.2)], [N(1.0, 2.0, 64.2 + semitones)]);
        Assert.Equal(1, s.COn.Matched); // onset only: pitch ignored
        Assert.Equal(matches ? 1 : 0, s.COnP.Matched);
        Assert.Equal(matches ? 1 : 0, s.COnPOff.Matched);
    }

    [Theory]
    [InlineData(1.0, 2.0, 2.19, true)]   // 1 s note: tolerance 20 % = 0.2 s
    [InlineData(1.0, 2.0, 1.81, true)]
    [InlineData(1.0, 2.0, 2.21, false)]
    [InlineData(1.0, 2.0, 1.79, false)]
    [InlineData(1.0, 1.1, 1.149, true)]  // 0.1 s note: 20 % is 0.02 s, so the 50 ms minimum applies
    [InlineData(1.0, 1.1, 1.151, false)]
    [InlineData(1.0, 1.1, 1.05, true)]   // 1.1 - 1.05 is not exactly 0.05 in binary; rounded it is
    public void OffsetToleranceIsMaxOf20PercentAnd50Ms(double onset, double refOffset, double estOffset, bool matches)
    {
        var s = NoteScorer.Score([N(onset, refOffset, 60)], [N(onset, estOffset, 60)]);
        Assert.Equal(1, s.COnP.Matched); // offsets ignored
        Assert.Equal(1, s.COn.Matched);
        Assert.Equal(matches ? 1 : 0, s.COnPOff.Matched);
    }

    [Fact]
    public void DuplicateEstimatesAreMatchedOnce()
    {
        var s = NoteScorer.Score([N(1.0, 2.0, 60)], [N(1.0, 2.0, 60), N(1.0, 2.0, 60), N(1.01, 2.0, 60)]);
        Assert.Equal(1, s.COnP.Matched);
        Assert.Equal(1.0 / 3, s.COnP.Precision, 15);
        Assert.Equal(1.0, s.COnP.Recall);
        Assert.Equal(0.5, s.COnP.F1, 15);
        Assert.Single(s.COnPMatches);
    }

    [Fact]
    public void MaximumMatchingBeatsGreedy()
    {
        // Reference A (1.00 s, 60.0) and B (1.04 s, 60.8). Estimate X (1.01 s, 60.4) hits both;
        // Y (1.02 s, 59.8) hits only A. Greedy closest-first (X–A is the closest pair) or greedy in
        // estimate order gives X–A and leaves Y and B unmatched: 1 match. The maximum is 2: Y–A, X–B.
        ScoredNote a = N(1.00, 1.5, 60.0), b = N(1.04, 1.5, 60.8);
        ScoredNote x = N(1.01, 1.5, 60.4), y = N(1.02, 1.5, 59.8);
        var s = NoteScorer.Score([a, b], [x, y]);
        Assert.Equal(2, s.COnP.Matched);
        Assert.Equal(1.0, s.COnP.F1);
        Assert.Equal([(a, y), (b, x)], s.COnPMatches.Select(m => (m.Reference, m.Estimate)).ToArray());
    }

    [Fact]
    public void LatencyIsMedianAnd95thPercentileOfOnsetErrorOverCOnPMatches()
    {
        ScoredNote[] refs = [N(1, 1.5, 60), N(2, 2.5, 62), N(3, 3.5, 64), N(4, 4.5, 65), N(5, 5.5, 67)];
        ScoredNote[] ests =
        [
            N(0.990, 1.5, 60), N(2.020, 2.5, 62), N(3.030, 3.5, 64), N(4.040, 4.5, 65),
            N(5.005, 5.5, 72), // right onset, wrong pitch: a COn match only, not counted in latency
        ];
        var e = NoteScorer.Score(refs, ests).OnsetErrors;
        Assert.Equal(4, e.Count);
        Assert.Equal(25.0, e.MeanAbsoluteMs, 9);     // (10 + 20 + 30 + 40) / 4
        Assert.Equal(20.0, e.MeanSignedMs, 9);       // (-10 + 20 + 30 + 40) / 4
        Assert.Equal(25.0, e.MedianMs, 9);           // (20 + 30) / 2
        Assert.Equal(38.5, e.Percentile95Ms, 9);     // numpy linear: index 0.95·3 = 2.85 → 30 + 0.85·10
        Assert.Equal(5, NoteScorer.Score(refs, ests).COn.Matched);
    }

    [Fact]
    public void EmptyListsScoreZero()
    {
        ScoredNote[] notes = [N(1, 2, 60)];
        foreach (var s in new[] { NoteScorer.Score([], notes), NoteScorer.Score(notes, []), NoteScorer.Score([], []) })
        {
            Assert.Equal(new PrecisionRecallF1(0, 0, 0, 0), s.COnP);
            Assert.Equal(new PrecisionRecallF1(0, 0, 0, 0), s.COnPOff);
            Assert.Equal(new PrecisionRecallF1(0, 0, 0, 0), s.COn);
            Assert.Equal(0, s.OnsetErrors.Count);
            Assert.True(double.IsNaN(s.OnsetErrors.MedianMs));
        }
    }

    [Fact]
    public void ZeroLengthNotesAreStretchedAndListsSorted()
    {
        var s = NoteScorer.Score([N(2, 2.5, 62), N(1, 1.5, 60)], [N(1.0, 1.0, 60), N(2.0, 2.5, 62)]);
        Assert.Equal(1, s.EstimateStretched);
        Assert.Equal(N(1.0, 1.001, 60), s.Estimate[0]);
        Assert.Equal(N(1, 1.5, 60), s.Reference[0]);
        Assert.Equal(2, s.COnP.Matched);
    }

    [Fact]
    public void NonFiniteNoteIsRejected()
    {
        Assert.Throws<ArgumentException>(() => NoteScorer.Score([N(double.NaN, 1, 60)], []));
    }

    // ---------------------------------------------------------------- note CSV

    [Fact]
    public void CsvRoundTripsExactly()
    {
        ScoredNote[] notes = [N(0.1, 0.30000000000000004, 60.123456789), N(1e-5, 2.5, 69), N(3, 4, 45.5)];
        var w = new StringWriter();
        NoteCsv.Write(w, notes);
        Assert.StartsWith("onset_s,offset_s,midi_pitch\n", w.ToString());
        Assert.Equal(notes, NoteCsv.Read(new StringReader(w.ToString()), "mem"));
    }

    [Fact]
    public void CsvSkipsHeaderBlankAndCommentLines()
    {
        var notes = NoteCsv.Read(new StringReader("onset_s,offset_s,midi_pitch\n\n# comment\n 1.5 , 2 ,60\n"), "x.csv");
        Assert.Equal([N(1.5, 2, 60)], notes);
    }

    [Theory]
    [InlineData("onset_s,offset_s,midi_pitch\n1,2,60\n\n1,2\n", "x.csv: line 4: expected 3 numbers")]
    [InlineData("onset_s,offset_s,midi_pitch\n1,2,sixty\n", "x.csv: line 2: expected 3 numbers")]
    [InlineData("1,2,60\nonset_s,offset_s,midi_pitch\n", "x.csv: line 2: expected 3 numbers")]
    [InlineData("1,2,60,7\n", "x.csv: line 1: expected 3 numbers")]
    [InlineData("1,inf,60\n", "x.csv: line 1: 'inf' is not a finite number")]
    [InlineData("1,2,NaN\n", "x.csv: line 1: 'NaN' is not a finite number")]
    public void MalformedCsvNamesFileAndLine(string text, string messageStart)
    {
        var e = Assert.Throws<AudioFileException>(() => NoteCsv.Read(new StringReader(text), "x.csv"));
        Assert.StartsWith(messageStart, e.Message);
        Assert.Equal("x.csv", e.FilePath);
    }

    [Fact]
    public void MissingCsvIsAnAudioFileException()
    {
        string path = Path.Combine(Path.GetTempPath(), "a2m-no-such-notes-" + Guid.NewGuid() + ".csv");
        var e = Assert.Throws<AudioFileException>(() => NoteCsv.Read(path));
        Assert.Contains("not found", e.Message);
    }

    // ---------------------------------------------------------------- agreement with mir_eval

    [SkippableFact]
    public void AgreesWithMirEvalOnRandomNoteLists()
    {
        var tools = ReferenceTools();
        string dir = Directory.CreateTempSubdirectory("a2m-scorer-").FullName;
        try
        {
            var rng = new Random(20240611);
            for (int c = 0; c < 8; c++)
            {
                // Odd cases put times on a 10 ms grid, so onset and offset distances land exactly on the
                // tolerances and mir_eval's 4-decimal rounding decides. Pitches stay continuous: a pitch
                // distance of exactly 50 cents is decided by the last bit of pow/log2, which differs
                // between numpy's SIMD kernels and the C library (see NoteScorer's remarks).
                bool quantised = c % 2 == 1;
                var (refs, ests) = RandomCase(rng, quantised);
                string refPath = Path.Combine(dir, $"ref{c}.csv"), estPath = Path.Combine(dir, $"est{c}.csv");
                NoteCsv.Write(refPath, refs);
                NoteCsv.Write(estPath, ests);
                AssertAgreement(tools, refPath, estPath, $"random case {c} ({refs.Count} ref, {ests.Count} est)");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [SkippableTheory]
    [InlineData(1, 0.862)]
    [InlineData(10, 0.677)]
    [InlineData(14, 0.633)]
    public void AgreesWithMirEvalOnVocaditoAnnotators(int clip, double conpF1)
    {
        var tools = ReferenceTools();
        string refPath = Path.Combine(tools.Examples, $"vocadito_{clip}.notes.csv");
        string estPath = Path.Combine(tools.Examples, $"vocadito_{clip}.notesA2.csv");
        var ours = AssertAgreement(tools, refPath, estPath, $"vocadito_{clip}");
        Assert.Equal(conpF1, Math.Round(ours.COnP.F1, 3));
    }

    /// <summary>
    /// The in-repository reference is the team's reference scorer: both read the same files with the same
    /// conventions and give the same figures. Runs where ../shared is beside the repository.
    /// </summary>
    [SkippableFact]
    public void InRepositoryReferenceEqualsSharedScoreNotes()
    {
        var tools = ReferenceTools();
        string scoreNotes = Path.GetFullPath(Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "tools", "score-notes"));
        Skip.IfNot(File.Exists(scoreNotes), $"{scoreNotes} is not there: ../shared is not beside the repository");
        foreach (int clip in new[] { 1, 10, 14 })
        {
            string refPath = Path.Combine(tools.Examples, $"vocadito_{clip}.notes.csv");
            string estPath = Path.Combine(tools.Examples, $"vocadito_{clip}.notesA2.csv");
            var (rc, stdout, stderr) = SystemPython.Run(scoreNotes, refPath, estPath, "--json");
            Assert.True(rc == 0, $"score-notes failed on clip {clip}: {stderr}");
            using var shared = JsonDocument.Parse(stdout.Replace("NaN", "null"));
            using var ours = JsonDocument.Parse(RunReference(tools, refPath, estPath, $"clip {clip}"));
            foreach (var property in shared.RootElement.EnumerateObject())
                Assert.Equal(property.Value.ToString(), ours.RootElement.GetProperty(property.Name).ToString());
        }
    }

    private sealed record Tools(string Examples, string Reference);

    /// <summary>The in-repository mir_eval script and the example labels; skips without Debian's mir_eval.</summary>
    private static Tools ReferenceTools()
    {
        // The reference scorer is a Debian python3 tool: on Windows there is no /usr/bin/python3 to ask.
        Skip.If(OperatingSystem.IsWindows(), "the mir_eval reference scorer runs on Linux (Debian's python3-mir-eval)");
        OptionalTool.Require(SystemPython.Imports("mir_eval, numpy"),
            "the reference scorer needs mir_eval for /usr/bin/python3: apt-get install python3-mir-eval python3-numpy");
        string root = TestPaths.RepositoryRoot;
        string reference = Path.Combine(root, "tests", "tools", "mir-eval-score");
        Assert.True(File.Exists(reference), $"reference scorer {reference} not found");
        return new Tools(Path.Combine(root, "examples"), reference);
    }

    private static string RunReference(Tools tools, string refPath, string estPath, string what)
    {
        var (rc, stdout, stderr) = SystemPython.Run(tools.Reference, refPath, estPath);
        Assert.True(rc == 0, $"mir-eval-score failed on {what}: {stderr}");
        return stdout;
    }

    /// <summary>Scores the pair with NoteScorer and with mir_eval (tests/tools/mir-eval-score) and asserts they agree.</summary>
    private static NoteScores AssertAgreement(Tools tools, string refPath, string estPath, string what)
    {
        var ours = NoteScorer.Score(NoteCsv.Read(refPath), NoteCsv.Read(estPath));
        using var theirs = JsonDocument.Parse(RunReference(tools, refPath, estPath, what));
        var t = theirs.RootElement;

        // The matchings themselves (indices into the sorted lists) and the latency figures numpy computes.
        AssertPairs(t.GetProperty("conpoff_matches"), ours.COnPOffMatches, what + " COnPOff");
        AssertPairs(t.GetProperty("conp_matches"), ours.COnPMatches, what + " COnP");
        AssertPairs(t.GetProperty("con_matches"), ours.COnMatches, what + " COn");
        var lat = t.GetProperty("latency");
        if (lat.ValueKind == JsonValueKind.Null)
        {
            Assert.True(double.IsNaN(ours.OnsetErrors.MedianMs));
        }
        else
        {
            Assert.True(Math.Abs(lat[0].GetDouble() - ours.OnsetErrors.MedianMs) <= 1e-9, $"{what}: latency median");
            Assert.True(Math.Abs(lat[1].GetDouble() - ours.OnsetErrors.Percentile95Ms) <= 1e-9, $"{what}: latency p95");
        }

        Assert.Equal(t.GetProperty("n_ref").GetInt32(), ours.ReferenceCount);
        Assert.Equal(t.GetProperty("n_est").GetInt32(), ours.EstimateCount);
        Assert.Equal(t.GetProperty("est_fixed_len").GetInt32(), ours.EstimateStretched);
        Close(t, "conpoff_p", ours.COnPOff.Precision, what);
        Close(t, "conpoff_r", ours.COnPOff.Recall, what);
        Close(t, "conpoff_f", ours.COnPOff.F1, what);
        Close(t, "conpoff_overlap", ours.COnPOffAverageOverlap, what);
        Close(t, "conp_p", ours.COnP.Precision, what);
        Close(t, "conp_r", ours.COnP.Recall, what);
        Close(t, "conp_f", ours.COnP.F1, what);
        Close(t, "con_p", ours.COn.Precision, what);
        Close(t, "con_r", ours.COn.Recall, what);
        Close(t, "con_f", ours.COn.F1, what);
        Assert.Equal(t.GetProperty("n_match_conp").GetInt32(), ours.OnsetErrors.Count);
        Close(t, "onset_mae_ms", ours.OnsetErrors.MeanAbsoluteMs, what);
        Close(t, "onset_bias_ms", ours.OnsetErrors.MeanSignedMs, what);
        Close(t, "onset_mae_ms_con", ours.COnOnsetErrors.MeanAbsoluteMs, what);

        return ours;
    }

    private static void Close(JsonElement theirs, string key, double ours, string what)
    {
        var v = theirs.GetProperty(key);
        if (v.ValueKind == JsonValueKind.Null)
        {
            Assert.True(double.IsNaN(ours), $"{what}: {key}: mir_eval NaN, ours {ours}");
            return;
        }
        double expected = v.GetDouble();
        Assert.True(Math.Abs(expected - ours) <= 1e-9, $"{what}: {key}: mir_eval {expected:R}, ours {ours:R}");
    }

    private static void AssertPairs(JsonElement theirs, IReadOnlyList<NoteMatch> ours, string what)
    {
        var expected = theirs.EnumerateArray().Select(p => (p[0].GetInt32(), p[1].GetInt32())).ToArray();
        var actual = ours.Select(p => (p.ReferenceIndex, p.EstimateIndex)).ToArray();
        Assert.True(expected.SequenceEqual(actual),
            $"{what}: matched pairs differ\n mir_eval: {string.Join(' ', expected)}\n ours:     {string.Join(' ', actual)}");
    }

    private static (List<ScoredNote> Ref, List<ScoredNote> Est) RandomCase(Random rng, bool quantised)
    {
        double Q(double v, double step) => quantised ? Math.Round(v / step) * step : v;
        var refs = new List<ScoredNote>();
        double t = rng.NextDouble();
        int n = 30 + rng.Next(60);
        for (int i = 0; i < n; i++)
        {
            double onset = Q(t, 0.01);
            double offset = Q(onset + 0.03 + rng.NextDouble() * 0.8, 0.01);
            refs.Add(N(onset, offset, 50 + rng.NextDouble() * 25));
            // Mostly sequential, sometimes overlapping or very close notes so that matching has choices.
            t = rng.NextDouble() < 0.25 ? onset + rng.NextDouble() * 0.06 : offset + rng.NextDouble() * 0.3;
        }

        var ests = new List<ScoredNote>();
        foreach (var r in refs)
        {
            if (rng.NextDouble() < 0.12)
                continue; // missed note
            int copies = rng.NextDouble() < 0.1 ? 2 : 1; // duplicated estimate
            for (int k = 0; k < copies; k++)
            {
                double onset = Math.Max(0, Q(r.Onset + (rng.NextDouble() * 2 - 1) * 0.07, 0.01));
                double dur = r.Offset - r.Onset;
                double offset = Math.Max(onset + 0.01, Q(r.Offset + (rng.NextDouble() * 2 - 1) * Math.Max(0.35 * dur, 0.08), 0.01));
                double pitch = r.MidiPitch + (rng.NextDouble() * 2 - 1) * 0.7;
                if (rng.NextDouble() < 0.05)
                    pitch += 12; // octave error
                ests.Add(N(onset, offset, pitch));
            }
        }
        int spurious = rng.Next(10);
        double end = refs[^1].Offset + 1;
        for (int k = 0; k < spurious; k++)
        {
            double onset = Q(rng.NextDouble() * end, 0.01);
            ests.Add(N(onset, Q(onset + 0.02 + rng.NextDouble() * 0.5, 0.01), 50 + rng.NextDouble() * 25));
        }
        if (rng.NextDouble() < 0.5)
            ests.Add(N(ests[0].Onset, ests[0].Onset, ests[0].MidiPitch)); // zero-length: both stretch it to 1 ms
        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ests)); // file order must not matter
        return (refs, ests);
    }
}
