using System.CommandLine;
using Audio2Midi.Training.Datasets;
using Audio2Midi.Training.Learning;
using Audio2Midi.Training.Reports;

namespace Audio2Midi.Training.Commands;

/// <summary>`a2m report`: figures of a trained run on a split of its data (PNGs and summary.md in a folder).</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<DirectoryInfo>("run") { Description = "Training run folder (`a2m train --out`)." };
        var data = new Option<DirectoryInfo?>("--data", "-d") { Description = "Dataset cache to score on (default: the first one the run trained on)." };
        var split = new Option<string>("--split") { Description = "Which split: validation or test (held out from training and model selection).", DefaultValueFactory = _ => "test" };
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "Folder for the PNGs and summary.md (default: RUN/report-SPLIT)." };
        var passes = new Option<int>("--dropout-passes") { Description = "Monte-Carlo dropout passes for the uncertainty figures.", DefaultValueFactory = _ => 8 };
        var command = new Command("report", "Loss curves, confusion matrix, per-class precision/recall/F1, reliability diagram with ECE, and Monte-Carlo dropout uncertainty of a trained model.")
        {
            run, data, split, output, passes,
        };
        command.SetAction(parse =>
        {
            try
            {
                using TrainedRun trained = TrainedRun.Load(parse.GetValue(run)!.FullName);
                if (!Enum.TryParse(parse.GetValue(split), ignoreCase: true, out SplitName name) || !Enum.IsDefined(name))
                    throw new ArgumentException($"--split {parse.GetValue(split)}: use train, validation or test");
                string cache = parse.GetValue(data)?.FullName
                    ?? (trained.Options.Data.Count > 0 ? TrainingSource.Parse(trained.Options.Data[0]).CacheDirectory : throw new ArgumentException("the run does not record its data; pass --data CACHE"));
                int n = parse.GetValue(passes);
                if (n is < 2 or > 100) throw new ArgumentException("--dropout-passes must be 2..100");
                TrainingData scored = TrainingData.Load([new TrainingSource(cache, 1)], name);
                string folder = parse.GetValue(output)?.FullName ?? Path.Combine(trained.Folder.Directory, $"report-{name.ToString().ToLowerInvariant()}");
                TrainingReport.Result r = TrainingReport.Write(trained, scored, name.ToString().ToLowerInvariant(), folder, n,
                    new SynchronousProgress<string>(x => Console.Error.WriteLine($"scoring {x}")));
                Console.WriteLine($"frame accuracy {r.FrameAccuracy:0.000}, ECE {r.Ece:0.000}, MC-dropout spread right/wrong {r.MeanUncertaintyRight:0.000}/{r.MeanUncertaintyWrong:0.000}, notes right {r.NotePitchAccuracy:0.000} ({r.Notes} notes, {r.Frames} frames)");
                Console.WriteLine($"wrote {r.SummaryPath} and its figures");
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
