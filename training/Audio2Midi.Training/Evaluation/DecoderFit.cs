using Audio2Midi.Models;
using Audio2Midi.Transcription;

namespace Audio2Midi.Training.Evaluation;

/// <summary>
/// Chooses a model's decoder thresholds by COnP F1 over a grid, on recordings the model did not train on (a
/// validation split, and whole folders of development takes; never the evaluation set). Each point transcribes every
/// recording, live at a Latency step or offline, through the same path `a2m evaluate` uses; with several sources its
/// score is the mean of each source's mean COnP F1, so a folder of many short takes does not outweigh a split of a few
/// real ones.
/// </summary>
public static class DecoderFit
{
    /// <summary>Recordings a fit scores on: a folder, what follows NAME in its reference files, and which names count (null: all).</summary>
    public sealed record Source(string Directory, string ReferenceSuffix, Func<string, bool>? Include);

    /// <summary>The thresholds searched; every other setting comes from <paramref name="basis"/> (the manifest's).</summary>
    public static IEnumerable<DecoderSettings> Grid(DecoderSettings? basis = null)
    {
        basis ??= new DecoderSettings();
        foreach (double onset in new[] { 0.4, 0.6 })
            foreach (double frame in new[] { 0.4, 0.55 })
                foreach (double off in new[] { 0.2, 0.35 })
                    foreach (int start in new[] { 2, 4 })
                        foreach (int settle in new[] { 1, 2, 3 })
                            yield return basis with { OnsetThreshold = onset, FrameThreshold = frame, FrameOffThreshold = off, FrameStartFrames = start, ReleaseFrames = 3, OnsetSettleFrames = settle };
    }

    /// <summary>
    /// The settings searched for one head of an f0 model: what the manifest keeps per head, its onset threshold and its
    /// frame-start confirmation (the points the shipped model's were chosen from, docs/training.md); every other setting
    /// comes from <paramref name="basis"/> (the head's present decoder, <see cref="ModelManifest.F0DecoderFor"/>).
    /// </summary>
    public static IEnumerable<DecoderSettings> F0HeadGrid(DecoderSettings basis)
    {
        foreach (double onset in new[] { 0.5, 0.65, 0.8, 0.9 })
            foreach (int start in new[] { 3, 4, 6 })
                yield return basis with { OnsetThreshold = onset, FrameStartFrames = start };
    }

    /// <returns>Every grid point with its mean COnP F1, best first.</returns>
    public static IReadOnlyList<(DecoderSettings Decoder, double F1)> Run(string directory, string referenceSuffix, TranscriptionOptions options, Func<string, bool>? include,
        IProgress<(int Done, int Total)>? progress = null, IReadOnlyList<DecoderSettings>? grid = null) =>
        Run([new Source(directory, referenceSuffix, include)], options, progress, grid);

    /// <returns>Every grid point with the mean over the sources of each one's mean COnP F1, best first.</returns>
    public static IReadOnlyList<(DecoderSettings Decoder, double F1)> Run(IReadOnlyList<Source> sources, TranscriptionOptions options,
        IProgress<(int Done, int Total)>? progress = null, IReadOnlyList<DecoderSettings>? grid = null)
    {
        if (sources.Count == 0) throw new ArgumentException("a decoder fit needs recordings to score on", nameof(sources));
        grid ??= Grid(options.Decoder).ToList();
        // The present settings first: on a tie they stay (the ranking below is stable).
        if (options.Decoder is { } current) grid = [current, .. grid.Where(d => d != current)];
        var results = new List<(DecoderSettings, double)>();
        foreach (DecoderSettings d in grid)
        {
            double f1 = sources.Average(s => FolderEvaluation.MeanCOnPF1(FolderEvaluation.Run(s.Directory, s.ReferenceSuffix, options with { Decoder = d }, null, s.Include)));
            results.Add((d, f1));
            progress?.Report((results.Count, grid.Count));
        }
        return results.OrderByDescending(r => r.Item2).ToList();
    }
}
