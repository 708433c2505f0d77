using Audio2Midi.Placement;
using Audio2Midi.Transcription;

namespace Audio2Midi.Training.Evaluation;

/// <summary>
/// One mode of `a2m evaluate --every-step`: a Latency step (live, as recorded) or offline, the engine's scores and,
/// with a second engine, that engine's on the same recordings.
/// </summary>
/// <param name="LatencyMs">The step; null for offline.</param>
public sealed record StepScores(int? LatencyMs, IReadOnlyList<RecordingScore> Scores, IReadOnlyList<RecordingScore>? Against)
{
    public string Name => LatencyMs is int ms ? LatencySteps.Name(ms) : "offline";

    // Resampled once here: the table, the summary lines and the plot all read them.
    public BootstrapInterval Interval { get; } = BlockBootstrap.MeanF1(Scores.Select(s => s.Scores).ToList());

    public BootstrapInterval? AgainstInterval { get; } = Against is null ? null : BlockBootstrap.MeanF1(Against.Select(s => s.Scores).ToList());

    public BootstrapInterval? Difference { get; } = Against is null ? null : BlockBootstrap.Difference(Scores.Select(s => s.Scores).ToList(), Against.Select(s => s.Scores).ToList());
}

/// <summary>
/// Every mode a user can pick, scored on one folder: the plugin's Latency steps live (Instant to 250 ms) and offline,
/// each with <see cref="FolderEvaluation.Run"/> and the same options otherwise: which step suits this material, and
/// (with a second engine) where one engine beats the other.
/// </summary>
public static class EveryStep
{
    /// <param name="options">Everything but the mode (Live and LatencyMs are set per step).</param>
    /// <param name="against">A second engine's options (its ModelPath and PyinPitch are used); null: none.</param>
    public static IReadOnlyList<StepScores> Run(string directory, string referenceSuffix, TranscriptionOptions options, TranscriptionOptions? against,
        Func<string, bool>? include, IProgress<string>? progress = null)
    {
        var modes = LatencySteps.Milliseconds.Select(ms => (int?)ms).Append(null).ToList();
        var results = new List<StepScores>();
        foreach (int? ms in modes)
        {
            TranscriptionOptions At(TranscriptionOptions o) => o with { Live = ms is not null, LatencyMs = ms ?? 0 };
            string name = ms is int step ? LatencySteps.Name(step) : "offline";
            var scores = FolderEvaluation.Run(directory, referenceSuffix, At(options), Prefixed(progress, name), include);
            var other = against is null ? null : FolderEvaluation.Run(directory, referenceSuffix, At(against), Prefixed(progress, $"{name}, second engine"), include);
            results.Add(new StepScores(ms, scores, other));
        }
        return results;
    }

    private static IProgress<string>? Prefixed(IProgress<string>? progress, string mode) =>
        progress is null ? null : new SynchronousProgress<string>(name => progress.Report($"{mode}: {name}"));
}
