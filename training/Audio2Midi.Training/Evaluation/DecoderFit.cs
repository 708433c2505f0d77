using Audio2Midi.Models;
using Audio2Midi.Transcription;

namespace Audio2Midi.Training.Evaluation;

/// <summary>
/// Chooses a model's decoder thresholds by COnP F1 over a grid, on recordings the model did not train on (a
/// validation split; never the evaluation set). Each point transcribes every recording, live at a Latency step or
/// offline, through the same path `a2m evaluate` uses.
/// </summary>
public static class DecoderFit
{
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

    /// <returns>Every grid point with its mean COnP F1, best first.</returns>
    public static IReadOnlyList<(DecoderSettings Decoder, double F1)> Run(string directory, string referenceSuffix, TranscriptionOptions options, Func<string, bool>? include,
        IProgress<(int Done, int Total)>? progress = null, IReadOnlyList<DecoderSettings>? grid = null)
    {
        grid ??= Grid(options.Decoder).ToList();
        if (options.Decoder is { } current && !grid.Contains(current)) grid = [current, .. grid];
        var results = new List<(DecoderSettings, double)>();
        foreach (DecoderSettings d in grid)
        {
            var scores = FolderEvaluation.Run(directory, referenceSuffix, options with { Decoder = d }, null, include);
            results.Add((d, FolderEvaluation.MeanCOnPF1(scores)));
            progress?.Report((results.Count, grid.Count));
        }
        return results.OrderByDescending(r => r.Item2).ToList();
    }
}
