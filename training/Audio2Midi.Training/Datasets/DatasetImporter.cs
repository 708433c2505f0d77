using Audio2Midi.Features;
using Audio2Midi.IO;
using Audio2Midi.Labels;

namespace Audio2Midi.Training.Datasets;

/// <summary>Result of an import: one report per pair found, plus the files that had no partner.</summary>
public sealed record ImportResult(IReadOnlyList<PairReport> Pairs, IReadOnlyList<string> Unpaired, FeatureParameters Parameters)
{
    /// <summary>The held-out fractions that were asked for (an empty split is only worth a warning when one was).</summary>
    public double ValidationFraction { get; init; }

    public double TestFraction { get; init; }
}

/// <summary>
/// `a2m dataset import`: pairs -> validation -> split by recording (seeded) -> log-CQT + frame labels -> cache,
/// with normalisation statistics accumulated over the training split only, written to features.json.
/// </summary>
public static class DatasetImporter
{
    public static ImportResult Import(string inputDirectory, string cacheDirectory, ImportOptions options, IProgress<(int Done, int Total, string Name)>? progress = null)
    {
        options.Labels.Validate();
        FeatureParameters parameters = options.Features with { Normalization = null };
        CqtSettings cqt = parameters.Cqt;
        cqt.Validate();
        parameters.Windows.Validate(cqt);
        (List<RecordingPair> pairs, List<string> unpaired) = PairFinder.Find(inputDirectory);
        if (pairs.Count == 0)
            throw new InvalidDataException($"{inputDirectory}: no (wav, mid) pairs found (same stem, or voice_NNN.wav + midi_NNN.mid)" + (unpaired.Count > 0 ? $"; unpaired: {string.Join("; ", unpaired.Take(5))}" : ""));
        int commonRate = CommonRate(pairs);
        Dictionary<string, SplitName> split = DatasetSplit.Assign(pairs.Select(p => p.Name), options.Seed, options.ValidationFraction, options.TestFraction);
        Directory.CreateDirectory(cacheDirectory);
        var reports = new List<PairReport>();
        var statistics = new NormalizationAccumulator(cqt.BinCount);
        using (var writer = new CacheWriter(Path.Combine(cacheDirectory, CacheFormat.DataFileName), cqt.BinCount, options.Labels, cqt.HopSamples, cqt.SampleRate))
        {
            for (int i = 0; i < pairs.Count; i++)
            {
                progress?.Report((i, pairs.Count, pairs[i].Name));
                PairReport report = PairValidator.Validate(pairs[i], commonRate, cqt.SampleRate, options);
                report.Split = split[pairs[i].Name];
                reports.Add(report);
                if (!report.Included)
                {
                    report.Mono = []; // keep only the report of a left-out pair
                    continue;
                }
                float[] features = CqtFeatureExtractor.Compute(report.Mono, cqt.SampleRate, parameters, out int frames);
                FrameLabels labels = FrameLabeler.Label(report.Notes, frames, cqt.FramesPerSecond, options.Labels);
                foreach (var group in labels.Issues.GroupBy(issue => issue.Kind))
                {
                    var first = group.First();
                    report.Add(PairProblemKind.LabelIssue, false, $"{pairs[i].MidPath}: {first.Message}" + (group.Count() > 1 ? $" (and {group.Count() - 1} more of this kind)" : ""));
                }
                report.Frames = frames;
                if (report.Split == SplitName.Train) statistics.Add(features.AsSpan(0, frames * cqt.BinCount));
                writer.Add(pairs[i].Name, pairs[i].WavPath, report.Split, features.AsSpan(0, frames * cqt.BinCount), labels, report.Notes.Count);
                report.Mono = [];
            }
            if (statistics.Frames == 0)
                throw new InvalidDataException($"{inputDirectory}: no valid recording landed in the training split, so there are no normalisation statistics (see the problems above)");
            writer.Complete();
        }
        progress?.Report((pairs.Count, pairs.Count, ""));
        parameters = parameters with { Normalization = statistics.ToNormalization() };
        FeatureParametersJson.Write(Path.Combine(cacheDirectory, FeatureParametersJson.FileName), parameters);
        var result = new ImportResult(reports, unpaired, parameters) { ValidationFraction = options.ValidationFraction, TestFraction = options.TestFraction };
        File.WriteAllLines(Path.Combine(cacheDirectory, CacheFormat.ReportFileName), ImportReportText.Lines(result));
        return result;
    }

    /// <summary>The most frequent sample rate among the readable wavs (headers only).</summary>
    private static int CommonRate(List<RecordingPair> pairs)
    {
        var rates = new List<int>();
        foreach (RecordingPair p in pairs)
        {
            try
            {
                using AudioFileReader reader = AudioFileReader.Open(p.WavPath);
                rates.Add(reader.SampleRate);
            }
            catch (Exception e) when (e is AudioFileException or IOException or UnauthorizedAccessException)
            {
                // Reported by the validator.
            }
        }
        return rates.Count == 0 ? 0 : rates.GroupBy(r => r).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
    }
}
