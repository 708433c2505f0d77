using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Audio2Midi.IO;
using Audio2Midi.Training.Evaluation;
using Spectre.Console;

namespace Audio2Midi.Training.Commands;

/// <summary>
/// <c>a2m score REF.csv EST.csv [--json]</c>: scores an estimated note list against a reference with
/// <see cref="NoteScorer"/> (mir_eval's COnPOff / COnP / COn, onset error and latency).
/// </summary>
public static class ScoreCommand
{
    public static Command Create()
    {
        var reference = new Argument<FileInfo>("ref") { Description = "Reference notes (CSV: onset_s,offset_s,midi_pitch)." };
        var estimate = new Argument<FileInfo>("est") { Description = "Estimated notes (same CSV form)." };
        var json = new Option<bool>("--json") { Description = "Print the scores as JSON (score-notes' keys plus latency) instead of a table." };

        var cmd = new Command("score", "Score estimated notes against reference notes (mir_eval transcription metrics).");
        cmd.Arguments.Add(reference);
        cmd.Arguments.Add(estimate);
        cmd.Options.Add(json);
        cmd.SetAction(parseResult =>
        {
            FileInfo refFile = parseResult.GetValue(reference)!;
            FileInfo estFile = parseResult.GetValue(estimate)!;
            try
            {
                var scores = NoteScorer.Score(NoteCsv.Read(refFile.FullName), NoteCsv.Read(estFile.FullName));
                if (parseResult.GetValue(json))
                    Console.Out.WriteLine(ToJson(scores));
                else
                    PrintTable(scores);
                return 0;
            }
            catch (Exception e) when (e is AudioFileException or ArgumentException)
            {
                Console.Error.WriteLine($"a2m score: {e.Message}");
                return 1;
            }
        });
        return cmd;
    }

    /// <summary>
    /// The scores as a JSON object. Keys follow score-notes' <c>--json</c> output, plus
    /// <c>latency_median_ms</c> and <c>latency_p95_ms</c>; undefined values (nothing matched) are null.
    /// </summary>
    public static string ToJson(NoteScores s)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("n_ref", s.ReferenceCount);
            w.WriteNumber("n_est", s.EstimateCount);
            w.WriteNumber("est_fixed_len", s.EstimateStretched);
            w.WriteNumber("ref_fixed_len", s.ReferenceStretched);
            Metric(w, "conpoff", s.COnPOff);
            w.WriteNumber("conpoff_overlap", s.COnPOffAverageOverlap);
            Metric(w, "conp", s.COnP);
            Metric(w, "con", s.COn);
            w.WriteNumber("n_match_conp", s.OnsetErrors.Count);
            Number(w, "onset_mae_ms", s.OnsetErrors.MeanAbsoluteMs);
            Number(w, "onset_bias_ms", s.OnsetErrors.MeanSignedMs);
            Number(w, "latency_median_ms", s.OnsetErrors.MedianMs);
            Number(w, "latency_p95_ms", s.OnsetErrors.Percentile95Ms);
            Number(w, "onset_mae_ms_con", s.COnOnsetErrors.MeanAbsoluteMs);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Metric(Utf8JsonWriter w, string name, PrecisionRecallF1 m)
    {
        w.WriteNumber(name + "_p", m.Precision);
        w.WriteNumber(name + "_r", m.Recall);
        w.WriteNumber(name + "_f", m.F1);
    }

    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v))
            w.WriteNumber(name, v);
        else
            w.WriteNull(name);
    }

    private static void PrintTable(NoteScores s)
    {
        Console.Out.WriteLine(
            $"reference notes: {s.ReferenceCount}   estimated notes: {s.EstimateCount}"
            + (s.EstimateStretched > 0 ? $"   (zero-length estimates stretched: {s.EstimateStretched})" : ""));

        var table = new Table().AddColumns("metric", "matched", "precision", "recall", "F1");
        foreach (var c in table.Columns.Skip(1))
            c.RightAligned();
        Row(table, "COnPOff", s.COnPOff);
        Row(table, "COnP", s.COnP);
        Row(table, "COn", s.COn);
        StandardOutput.Write(table);
        Console.Out.WriteLine("(mir_eval: onset within 50 ms, pitch within 50 cents, offset within max(20 % of the note, 50 ms))");

        var e = s.OnsetErrors;
        Console.Out.WriteLine($"COnPOff average overlap ratio: {F3(s.COnPOffAverageOverlap)}");
        Console.Out.WriteLine(
            $"onset error of COnP-matched notes ({e.Count}): mean |err| = {Ms(e.MeanAbsoluteMs)} ms, "
            + $"mean signed (est-ref) = {Ms(e.MeanSignedMs)} ms");
        Console.Out.WriteLine(
            $"latency (est-ref onset, COnP-matched): median = {Ms(e.MedianMs)} ms, 95th percentile = {Ms(e.Percentile95Ms)} ms");
    }

    private static void Row(Table table, string name, PrecisionRecallF1 m) =>
        table.AddRow(Markup.Escape(name), m.Matched.ToString(CultureInfo.InvariantCulture), F3(m.Precision), F3(m.Recall), F3(m.F1));

    private static string F3(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Ms(double v) => double.IsFinite(v) ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";
}
