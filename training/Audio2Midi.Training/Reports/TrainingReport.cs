using System.Globalization;
using System.Text;
using Audio2Midi.Training.Learning;
using Audio2Midi.Training.Models;
using Audio2Midi.Training.Plots;

namespace Audio2Midi.Training.Reports;

/// <summary>`a2m report`: the figures of one trained run on one split, as PNGs plus a summary page (summary.md) in a folder.</summary>
public static class TrainingReport
{
    public sealed record Result(string SummaryPath, double FrameAccuracy, double Ece, double MeanUncertaintyRight, double MeanUncertaintyWrong, int Frames, int Notes, double NotePitchAccuracy);

    public static Result Write(TrainedRun run, TrainingData data, string split, string folder, int dropoutPasses, IProgress<string>? progress = null)
    {
        Directory.CreateDirectory(folder);
        FramePredictions predictions = FramePredictions.Compute(run, data, dropoutPasses, progress);
        FrameMetrics metrics = FrameMetrics.From(predictions);
        int silence = predictions.Silence;
        int[] shown = Enumerable.Range(0, predictions.Classes).Where(k => metrics.PerClass[k].Support > 0 || Enumerable.Range(0, predictions.Classes).Any(t => metrics.Confusion[t, k] > 0)).ToArray();
        IReadOnlyList<EpochRecord> log = EpochRecord.ReadLog(run.Folder.Log);
        TrainState? state = File.Exists(run.Folder.State) ? run.Folder.ReadState() : null;

        var rightFrames = new List<float>();
        var wrongFrames = new List<float>();
        for (int f = 0; f < predictions.Truth.Count; f++)
            (predictions.Predicted(f) == predictions.Truth[f] ? rightFrames : wrongFrames).Add(predictions.Uncertainty[f]);
        // A note is right when most of its frames name its pitch; its uncertainty is the mean over its frames.
        var rightNotes = new List<float>();
        var wrongNotes = new List<float>();
        foreach ((string recording, int first, int frames, int cls) in predictions.Notes)
        {
            int start = predictions.RecordingStart[recording] + first;
            int agree = Enumerable.Range(start, frames).Count(f => predictions.Predicted(f) == cls);
            float spread = (float)Enumerable.Range(start, frames).Average(f => predictions.Uncertainty[f]);
            (2 * agree > frames ? rightNotes : wrongNotes).Add(spread);
        }

        TrainingReportPlots.LossCurves(Path.Combine(folder, "loss.png"), log, state?.BestEpoch ?? 0);
        TrainingReportPlots.Confusion(Path.Combine(folder, "confusion.png"), metrics, predictions.MinPitch, shown);
        TrainingReportPlots.PerClassF1(Path.Combine(folder, "f1-per-class.png"), metrics, predictions.MinPitch, shown);
        TrainingReportPlots.Reliability(Path.Combine(folder, "reliability.png"), metrics);
        TrainingReportPlots.Uncertainty(Path.Combine(folder, "uncertainty-frames.png"), rightFrames, wrongFrames, "frame");
        TrainingReportPlots.Uncertainty(Path.Combine(folder, "uncertainty-notes.png"), rightNotes, wrongNotes, "note");

        var result = new Result(Path.Combine(folder, "summary.md"), metrics.Accuracy, metrics.ExpectedCalibrationError,
            rightFrames.DefaultIfEmpty(0).Average(), wrongFrames.DefaultIfEmpty(0).Average(), predictions.Truth.Count, predictions.Notes.Count,
            predictions.Notes.Count > 0 ? (double)rightNotes.Count / predictions.Notes.Count : 0);
        File.WriteAllText(result.SummaryPath, Summary(run, data, split, log, state, metrics, shown, predictions, result, dropoutPasses));
        return result;
    }

    private static string Summary(TrainedRun run, TrainingData data, string split, IReadOnlyList<EpochRecord> log, TrainState? state, FrameMetrics m, int[] shown,
        FramePredictions p, Result r, int passes)
    {
        var s = new StringBuilder();
        string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        s.AppendLine($"# Training report: {Path.GetFileName(run.Folder.Directory.TrimEnd('/', '\\'))}");
        s.AppendLine();
        s.AppendLine($"- model: {ModelKinds.Name(run.Options.Model.Kind)} ({(run.Network.Streams ? "live, causal" : $"windowed, look-ahead {run.Network.LookAheadFrames} frames")}), {run.Network.Module.parameters().Sum(t => t.numel()):N0} parameters; config `{Path.GetRelativePath(Environment.CurrentDirectory, run.Folder.Config)}`");
        s.AppendLine($"- trained on: {string.Join(", ", run.Options.Data.DefaultIfEmpty("(not recorded)"))}");
        if (state is not null)
            s.AppendLine($"- epochs: {state.EpochsDone}, best {state.BestEpoch} (validation loss {F(state.BestValidationLoss)}); {state.StopReason}; {state.SecondsTrained / 60:0.0} min, {(state.EpochsDone > 0 ? state.SecondsTrained / state.EpochsDone : 0):0} s per epoch");
        s.AppendLine($"- scored on: the {split} split of {string.Join(", ", data.Sets.Select(x => Path.GetRelativePath(Environment.CurrentDirectory, x.Source.CacheDirectory)))}: {data.RecordingCount} recordings, {r.Frames} frames, {r.Notes} notes");
        s.AppendLine();
        s.AppendLine("| figure | value |");
        s.AppendLine("|---|---|");
        s.AppendLine($"| frame accuracy (pitch or silence) | {F(m.Accuracy)} |");
        s.AppendLine($"| voiced-frame pitch F1 (mean over pitches present) | {F(shown.Where(k => k != p.Silence && m.PerClass[k].Support > 0).Select(k => m.PerClass[k].F1).DefaultIfEmpty(0).Average())} |");
        s.AppendLine($"| silence precision / recall / F1 | {F(m.PerClass[p.Silence].Precision)} / {F(m.PerClass[p.Silence].Recall)} / {F(m.PerClass[p.Silence].F1)} |");
        s.AppendLine($"| expected calibration error (10 bins) | {F(m.ExpectedCalibrationError)} |");
        s.AppendLine($"| MC dropout ({passes} passes): mean spread, right / wrong frames | {F(r.MeanUncertaintyRight)} / {F(r.MeanUncertaintyWrong)} |");
        s.AppendLine($"| notes whose frames mostly name their pitch | {F(r.NotePitchAccuracy)} |");
        s.AppendLine();
        s.AppendLine("![loss curves](loss.png)");
        s.AppendLine();
        s.AppendLine("![confusion matrix](confusion.png)");
        s.AppendLine();
        s.AppendLine("![F1 per class](f1-per-class.png)");
        s.AppendLine();
        s.AppendLine("![reliability diagram](reliability.png)");
        s.AppendLine();
        s.AppendLine("![uncertainty per frame](uncertainty-frames.png) ![uncertainty per note](uncertainty-notes.png)");
        s.AppendLine();
        s.AppendLine("## Per class");
        s.AppendLine();
        s.AppendLine("| class | frames | precision | recall | F1 |");
        s.AppendLine("|---|---|---|---|---|");
        foreach (int k in shown)
            s.AppendLine($"| {(k == p.Silence ? "silence" : "MIDI " + (p.MinPitch + k))} | {m.PerClass[k].Support} | {F(m.PerClass[k].Precision)} | {F(m.PerClass[k].Recall)} | {F(m.PerClass[k].F1)} |");
        s.AppendLine();
        s.AppendLine("## Per epoch");
        s.AppendLine();
        s.AppendLine("| epoch | train loss | validation loss | frame F1 | onset F1 | learning rate | seconds |");
        s.AppendLine("|---|---|---|---|---|---|---|");
        foreach (EpochRecord e in log)
            s.AppendLine($"| {e.Epoch} | {F(e.TrainLoss)} | {F(e.ValidationLoss)} | {F(e.FrameF1)} | {F(e.OnsetF1)} | {e.LearningRate:G3} | {e.Seconds:0} |");
        return s.ToString();
    }
}
