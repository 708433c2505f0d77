using System.Globalization;

namespace Audio2Midi.Training.Datasets;

/// <summary>The human-readable import report (printed and written to import-report.txt).</summary>
public static class ImportReportText
{
    public static IEnumerable<string> Lines(ImportResult result)
    {
        var included = result.Pairs.Where(p => p.Included).ToList();
        yield return $"pairs found: {result.Pairs.Count}; imported: {included.Count}; left out: {result.Pairs.Count - included.Count}; unpaired files: {result.Unpaired.Count}";
        foreach (SplitName s in Enum.GetValues<SplitName>())
        {
            var inSplit = included.Where(p => p.Split == s).ToList();
            yield return string.Create(CultureInfo.InvariantCulture, $"  {s}: {inSplit.Count} recording(s), {inSplit.Sum(p => p.DurationSeconds) / 60:0.0} min, {inSplit.Sum(p => p.Notes.Count)} notes");
            // Splits are by whole recording: with few recordings the held-out splits can come out empty.
            double asked = s == SplitName.Validation ? result.ValidationFraction : s == SplitName.Test ? result.TestFraction : 0;
            if (inSplit.Count == 0 && asked > 0 && included.Count > 0)
                yield return $"warning [EmptySplit] the {s.ToString().ToLowerInvariant()} split has no recording ({included.Count} imported); import more recordings or change --validation/--test";
        }
        foreach (string u in result.Unpaired) yield return $"unpaired: {u}";
        foreach (PairReport p in result.Pairs)
            foreach (PairProblem problem in p.Problems)
                yield return $"{(problem.Excludes ? "error" : "warning")} [{problem.Kind}] {problem.Message}";
    }
}
