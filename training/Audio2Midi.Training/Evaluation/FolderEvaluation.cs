using Audio2Midi.Transcription;

namespace Audio2Midi.Training.Evaluation;

/// <summary>One recording of an evaluation folder: its scores against the reference notes.</summary>
/// <param name="ReportedLatencyMs">What the engine reported to the host (live: the step, or a windowed preset's floor); 0 offline.</param>
public sealed record RecordingScore(string Name, NoteScores Scores, double ReportedLatencyMs = 0);

/// <summary>
/// Transcribes every <c>NAME.wav</c> of a folder that has reference notes beside it (<c>NAME{suffix}</c>,
/// e.g. <c>vocadito_1.notes.csv</c>) and scores it: the whole evaluation behind the figures in docs/measurements.md.
/// </summary>
public static class FolderEvaluation
{
    /// <param name="include">Which recordings (by name, the file name without .wav) to score; null = all.</param>
    public static IReadOnlyList<RecordingScore> Run(string directory, string referenceSuffix, TranscriptionOptions options, IProgress<string>? progress = null, Func<string, bool>? include = null)
    {
        var results = new List<RecordingScore>();
        foreach (var (wav, reference) in Pairs(directory, referenceSuffix))
        {
            if (include is not null && !include(Path.GetFileNameWithoutExtension(wav))) continue;
            progress?.Report(Path.GetFileName(wav));
            TranscriptionResult transcription = FileTranscriber.Transcribe(wav, options);
            var estimate = transcription.Notes.Select(n => new ScoredNote(n.OnsetSeconds, n.OffsetSeconds, n.Pitch)).ToList();
            results.Add(new RecordingScore(Path.GetFileNameWithoutExtension(wav), NoteScorer.Score(ReferenceNotes.Read(reference), estimate), transcription.LatencySeconds * 1000));
        }
        if (results.Count == 0) throw new InvalidDataException($"{directory}: none of its recordings is in the chosen split");
        return results;
    }

    /// <summary>
    /// <see cref="OnsetPitchCeiling"/> of every recording of the folder: per recording, the fraction of its
    /// reference notes the live pitch track names right at each of <paramref name="delaysMs"/> after their onsets.
    /// </summary>
    public static IReadOnlyList<(string Name, int Notes, double[] Right)> PitchCeiling(string directory, string referenceSuffix, IReadOnlyList<int> delaysMs, IProgress<string>? progress = null)
    {
        var results = new List<(string, int, double[])>();
        foreach (var (wav, reference) in Pairs(directory, referenceSuffix))
        {
            progress?.Report(Path.GetFileName(wav));
            IReadOnlyList<ScoredNote> notes = ReferenceNotes.Read(reference);
            results.Add((Path.GetFileNameWithoutExtension(wav), notes.Count, OnsetPitchCeiling.Measure(wav, notes, delaysMs)));
        }
        return results;
    }

    /// <summary>Every <c>NAME.wav</c> of the folder with its reference notes, in name order; an error if there are none.</summary>
    private static List<(string Wav, string Reference)> Pairs(string directory, string referenceSuffix)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"{directory}: folder not found");
        var pairs = Directory.GetFiles(directory, "*.wav")
            .Order(StringComparer.Ordinal)
            .Select(wav => (Wav: wav, Reference: Path.Combine(directory, Path.GetFileNameWithoutExtension(wav) + referenceSuffix)))
            .Where(p => File.Exists(p.Reference))
            .ToList();
        if (pairs.Count == 0)
            throw new InvalidDataException($"{directory}: no NAME.wav with reference notes NAME{referenceSuffix} beside it");
        return pairs;
    }

    /// <summary>Mean of the per-recording COnP F1 (how the issue states its target).</summary>
    public static double MeanCOnPF1(IReadOnlyList<RecordingScore> scores) => scores.Average(s => s.Scores.COnP.F1);

    /// <summary>Onset errors of all COnP-matched notes of all recordings together.</summary>
    public static OnsetErrorStats PooledOnsetErrors(IReadOnlyList<RecordingScore> scores) =>
        OnsetErrorStats.From(scores.SelectMany(s => s.Scores.COnPMatches).ToList());
}
