using Audio2Midi.Training.Datasets;
using System.CommandLine;
using System.Globalization;
using Audio2Midi.IO;
using Audio2Midi.Placement;
using Audio2Midi.Presets;
using Audio2Midi.Training.Evaluation;
using Audio2Midi.Transcription;
using Spectre.Console;

namespace Audio2Midi.Training.Commands;

/// <summary>`a2m evaluate DIR`: transcribe every recording of a folder and score it against its reference notes.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Folder of NAME.wav files with reference notes NAME.notes.csv (e.g. ../shared/data/vocadito), or NAME.mid with --reference-suffix .mid (a2m synth takes)." };
        var suffix = new Option<string>("--reference-suffix") { Description = "What follows NAME in the reference file's name.", DefaultValueFactory = _ => ".notes.csv" };
        var live = new Option<bool>("--live") { Description = "Score what the plugin emits live, as a host that compensates its reported latency records it." };
        var latency = new Option<int>("--latency") { Description = $"With --live: the plugin's Latency step in ms ({LatencySteps.List}; 0 = Instant)." };
        var lag = new Option<int?>("--decoder-lag") { Description = "pYIN's: frames (5 ms each) its pitch decoder waits, instead of what the Latency step (or offline mode) chooses. Without --model or --preset it runs pYIN." };
        var hostRate = new Option<int>("--host-rate") { Description = "Host sample rate for --live.", DefaultValueFactory = _ => 48000 };
        var splits = new SplitOptions();
        var model = new Option<FileInfo?>("--model", "-m") { Description = "Score an exported model (MODEL.onnx with its MODEL.json) instead of the default preset." };
        var block = new Option<int>("--block") { Description = "Host block size for --live.", DefaultValueFactory = _ => 128 };
        var ceiling = new Option<bool>("--pitch-ceiling")
        {
            Description = "Also show how often the live pitch track names each reference note right 20-80 ms after its onset "
                + "(rounded to the nearest semitone, within 50 cents): the most a live engine that names a note from the pitch it hears at its NoteOn can get right.",
        };
        var followTuning = new Option<bool>("--follow-tuning") { Description = "Round pitches to notes relative to the singer's own tuning instead of A = 440 Hz (as transcribe --follow-tuning)." };
        var presets = new PresetOption();
        var interval = new Option<bool>("--interval")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Also print a 95 % interval of the mean COnP F1: each recording's {BlockBootstrap.BlockSeconds:0} s blocks of notes drawn again {BlockBootstrap.Resamples} times ")
                + "(a block bootstrap; the recordings themselves are kept). On a few short recordings one note moves the mean by about 0.01.",
        };
        var against = new Option<string?>("--against")
        {
            Description = "Also score a second engine on the same recordings with the same options, a MODEL.onnx or a preset name (e.g. \"pYIN (live)\"), "
                + "and print both engines' COnP F1 per recording and the difference of the means with its 95 % interval (the same blocks drawn for both: a paired block bootstrap).",
        };
        var everyStep = new Option<bool>("--every-step")
        {
            Description = $"Score every mode a user can pick, the Latency steps live ({LatencySteps.List} ms) and offline, and print one line each with its 95 % interval "
                + "(and with --against, the second engine's figure and the difference): which step suits this material. Instead of --live and --latency.",
        };
        var breakdown = new Option<bool>("--breakdown")
        {
            Description = "Also print where the sung notes went (right; onset right but pitch 1, 2+ or whole octaves off; missed with a note started 50-150 ms early or late, "
                + "held through by the note before, or nothing there) and where the extra notes start (inside a sung note, or where none was sung), "
                + "pooled over the recordings (with --every-step, per mode; with --plot OUT.png also drawn into OUT-breakdown.png): whether pitch or segmentation loses the most.",
        };
        var plot = new Option<FileInfo?>("--plot") { Description = "With --every-step: also draw COnP F1 by step with the intervals (and the second engine beside it) into this PNG." };
        var command = new Command("evaluate", "Transcribe every recording in a folder and score it against its reference notes (mir_eval metrics, latency).")
        {
            folder, suffix, live, latency, lag, hostRate, block, ceiling, model, presets.Preset, presets.PyinPitch, followTuning, interval, against, everyStep, plot, breakdown,
        };
        foreach (Option o in splits.All) command.Options.Add(o);
        command.SetAction(parse =>
        {
            int latencyMs = parse.GetValue(latency);
            if (parse.GetValue(everyStep) && (parse.GetValue(live) || parse.GetResult(latency) is { Implicit: false }))
            {
                Console.Error.WriteLine("error: --every-step scores every Latency step and offline; give it or --live/--latency, not both");
                return 1;
            }
            if (parse.GetValue(plot) is not null && !parse.GetValue(everyStep))
            {
                Console.Error.WriteLine("error: --plot draws the steps of --every-step; add --every-step");
                return 1;
            }
            if (LatencyOption.Problem(latencyMs, parse.GetValue(live)) is string problem)
            {
                Console.Error.WriteLine(problem);
                return 1;
            }
            if (!presets.TryResolve(parse, parse.GetValue(model), out string? modelPath, out bool pyinPitch, out string? presetError, pyinOption: parse.GetValue(lag) is not null))
            {
                Console.Error.WriteLine(presetError);
                return 1;
            }
            string? againstPath = null;
            if (parse.GetValue(against) is string other && !PresetOption.TryResolveEngine(other, out againstPath, out string? againstError))
            {
                Console.Error.WriteLine(againstError);
                return 1;
            }
            var options = new TranscriptionOptions { Live = parse.GetValue(live), LatencyMs = latencyMs, DecoderLagFrames = parse.GetValue(lag), HostRate = parse.GetValue(hostRate), BlockSize = parse.GetValue(block), ModelPath = modelPath, PyinPitch = pyinPitch,
                Notes = new Audio2Midi.Notes.NoteSettings { AutoTuning = parse.GetValue(followTuning) } };
            if (TranscriptionOptionsCheck.Problem(options) is string optionsProblem)
            {
                Console.Error.WriteLine(optionsProblem);
                return 1;
            }
            string directory = parse.GetValue(folder)!.FullName, referenceSuffix = parse.GetValue(suffix)!;
            try
            {
                Func<string, bool>? include = splits.Filter(parse, directory, referenceSuffix);
                // A broken second engine is refused before the first has spent its time.
                if (againstPath is not null) Audio2Midi.Models.ModelPreset.Load(againstPath).Dispose();
                string thisName = parse.GetValue(model)?.ToString() ?? parse.GetValue(presets.Preset) ?? (modelPath is null ? PresetEntry.PyinName : PresetCatalog.DefaultName);
                if (parse.GetValue(everyStep))
                {
                    var steps = EveryStep.Run(directory, referenceSuffix, options,
                        parse.GetValue(against) is null ? null : options with { ModelPath = againstPath, PyinPitch = false }, include,
                        new SynchronousProgress<string>(name => Console.Error.WriteLine($"transcribing {name}")));
                    PrintSteps(steps, thisName, parse.GetValue(against));
                    var classes = parse.GetValue(breakdown)
                        ? steps.Select(st => (st.Name, NoteErrorBreakdown.Of(st.Scores))).ToList()
                        : null;
                    if (classes is not null) PrintBreakdown(classes);
                    if (parse.GetValue(plot) is FileInfo png)
                    {
                        string title = $"{Path.GetFileName(directory.TrimEnd('/', '\\'))}{(parse.GetValue(splits.Split) is string split ? $", {split} split" : "")}: {steps[0].Scores.Count} recordings";
                        Plots.StepsPlot.Save(png.FullName, steps, thisName, parse.GetValue(against), title);
                        Console.Out.WriteLine($"wrote {png.FullName}");
                        if (classes is not null)
                        {
                            string classesPng = BreakdownPlotPath(png.FullName);
                            Plots.BreakdownPlot.Save(classesPng, classes, $"{thisName}, {title}");
                            Console.Out.WriteLine($"wrote {classesPng}");
                        }
                    }
                }
                else
                {
                    var scores = FolderEvaluation.Run(directory, referenceSuffix, options,
                        new SynchronousProgress<string>(name => Console.Error.WriteLine($"transcribing {name}")), include);
                    Print(scores, options.Live ? options.LatencyMs : null);
                    if (parse.GetValue(breakdown))
                        PrintBreakdown([(options.Live ? LatencySteps.Name(options.LatencyMs) : "offline", NoteErrorBreakdown.Of(scores))]);
                    if (parse.GetValue(interval)) PrintInterval(BlockBootstrap.MeanF1(scores.Select(s => s.Scores).ToList()));
                    if (parse.GetValue(against) is string otherName)
                    {
                        var otherScores = FolderEvaluation.Run(directory, referenceSuffix, options with { ModelPath = againstPath, PyinPitch = false },
                            new SynchronousProgress<string>(name => Console.Error.WriteLine($"transcribing {name} (against {otherName})")), include);
                        PrintComparison(thisName, otherName, scores, otherScores);
                    }
                }
                if (parse.GetValue(ceiling))
                {
                    IReadOnlyList<int> delays = OnsetPitchCeiling.DefaultDelaysMs;
                    PrintCeiling(delays, FolderEvaluation.PitchCeiling(directory, referenceSuffix, delays));
                }
                return 0;
            }
            catch (Exception e) when (e is AudioFileException or IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <param name="latencyMs">The Latency step for live runs (the as-heard delay is as recorded plus what the engine reported: the step, or a windowed preset's floor); null offline.</param>
    private static void Print(IReadOnlyList<RecordingScore> scores, int? latencyMs)
    {
        bool live = latencyMs is not null;
        double reported = live ? Math.Round(scores.Average(s => s.ReportedLatencyMs), 1) : 0;
        double heardShift = reported;
        var table = new Table().AddColumns("recording", "notes ref/est", "COnPOff F1", "COnP P", "COnP R", "COnP F1", "COn F1", live ? "as heard median / p95" : "onset error median / p95");
        foreach (var s in scores)
        {
            NoteScores n = s.Scores;
            table.AddRow(Markup.Escape(s.Name), $"{n.ReferenceCount}/{n.EstimateCount}", F(n.COnPOff.F1), F(n.COnP.Precision), F(n.COnP.Recall), F(n.COnP.F1), F(n.COn.F1), Ms(n.OnsetErrors, heardShift));
        }
        OnsetErrorStats pooled = FolderEvaluation.PooledOnsetErrors(scores);
        table.AddRow("[bold]mean / pooled[/]", $"{scores.Sum(s => s.Scores.ReferenceCount)}/{scores.Sum(s => s.Scores.EstimateCount)}", F(scores.Average(s => s.Scores.COnPOff.F1)), F(scores.Average(s => s.Scores.COnP.Precision)),
            F(scores.Average(s => s.Scores.COnP.Recall)), $"[bold]{F(FolderEvaluation.MeanCOnPF1(scores))}[/]", F(scores.Average(s => s.Scores.COn.F1)), Ms(pooled, heardShift));
        StandardOutput.Write(table);
        string floor = live && Math.Abs(reported - latencyMs!.Value) > 0.5 ? string.Create(CultureInfo.InvariantCulture, $" (the preset's floor: {reported:0} ms reported)") : "";
        string mode = live ? $"live, Latency {LatencySteps.Name(latencyMs!.Value)}{floor}, scored as recorded" : "offline";
        string delay = live ? "as heard (output minus reference onset)" : "onset error";
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode}: mean COnP F1 {FolderEvaluation.MeanCOnPF1(scores):0.000} (P {scores.Average(s => s.Scores.COnP.Precision):0.000}, R {scores.Average(s => s.Scores.COnP.Recall):0.000}), "
            + $"COnPOff F1 {scores.Average(s => s.Scores.COnPOff.F1):0.000}, COn F1 {scores.Average(s => s.Scores.COn.F1):0.000}, "
            + $"{scores.Sum(s => s.Scores.EstimateCount)} notes for {scores.Sum(s => s.Scores.ReferenceCount)}; "
            + $"{delay} over {pooled.Count} matched notes: median {pooled.MedianMs + heardShift:0.0} ms, p95 {pooled.Percentile95Ms + heardShift:0.0} ms"));
    }

    /// <summary>One line per mode: the engine's mean COnP F1 and interval, COn F1, notes, the delay; with a second engine its figure and the paired difference.</summary>
    private static void PrintSteps(IReadOnlyList<StepScores> steps, string thisName, string? otherName)
    {
        var table = new Table { Title = new TableTitle($"{Markup.Escape(thisName)}: mean COnP F1 by mode, 95 % intervals ({BlockBootstrap.BlockSeconds:0} s blocks drawn again {BlockBootstrap.Resamples} times)") };
        table.AddColumns("mode", "COnP F1", "interval", "COn F1", "notes est/ref", "as heard / onset error median");
        if (otherName is not null) table.AddColumns(Markup.Escape(otherName), "difference", "interval", "ahead in");
        foreach (StepScores step in steps)
        {
            IReadOnlyList<RecordingScore> s = step.Scores;
            BootstrapInterval i = step.Interval;
            double shift = step.LatencyMs is null ? 0 : s.Average(r => r.ReportedLatencyMs);
            OnsetErrorStats pooled = FolderEvaluation.PooledOnsetErrors(s);
            var row = new List<string>
            {
                step.Name, $"[bold]{F(i.Estimate)}[/]", $"{F(i.Low)}-{F(i.High)}", F(s.Average(r => r.Scores.COn.F1)),
                $"{s.Sum(r => r.Scores.EstimateCount)}/{s.Sum(r => r.Scores.ReferenceCount)}",
                pooled.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{pooled.MedianMs + shift:0.0} ms"),
            };
            if (step.Difference is BootstrapInterval d)
                row.AddRange([F(FolderEvaluation.MeanCOnPF1(step.Against!)), Signed(d.Estimate), $"{Signed(d.Low)} to {Signed(d.High)}", d.ShareAboveZero.ToString("P0", CultureInfo.InvariantCulture)]);
            table.AddRow(row.ToArray());
        }
        StandardOutput.Write(table);
        foreach (StepScores step in steps)
        {
            BootstrapInterval i = step.Interval;
            string line = string.Create(CultureInfo.InvariantCulture, $"{step.Name}: mean COnP F1 {i.Estimate:0.000} ({i.Low:0.000}-{i.High:0.000})");
            if (step.Difference is BootstrapInterval d)
                line += string.Create(CultureInfo.InvariantCulture, $"; {otherName} {FolderEvaluation.MeanCOnPF1(step.Against!):0.000}, difference {Signed(d.Estimate)} ({Signed(d.Low)} to {Signed(d.High)})");
            Console.Out.WriteLine(line);
        }
    }

    /// <summary>Where `--breakdown` draws its classes beside `--plot OUT.png`: OUT-breakdown.png.</summary>
    public static string BreakdownPlotPath(string plotPath) =>
        Path.Combine(Path.GetDirectoryName(plotPath) ?? "", Path.GetFileNameWithoutExtension(plotPath) + "-breakdown" + Path.GetExtension(plotPath));

    /// <summary>The classes of <see cref="NoteErrorBreakdown"/>, one column per mode: counts with their share of the sung notes (extras: of the notes sent).</summary>
    private static void PrintBreakdown(IReadOnlyList<(string Mode, NoteErrorBreakdown Classes)> modes)
    {
        var table = new Table { Title = new TableTitle("where the sung notes went, and where the extra notes start (all recordings)") };
        table.AddColumn("class");
        foreach (var (mode, _) in modes) table.AddColumn(mode);
        static string Cell(int count, int of) => string.Create(CultureInfo.InvariantCulture, $"{count} ({(of == 0 ? 0 : 100.0 * count / of):0}%)");
        var first = modes[0].Classes;
        for (int i = 0; i < first.ReferenceClasses.Count; i++)
            table.AddRow([Markup.Escape(first.ReferenceClasses[i].Name), .. modes.Select(m => Cell(m.Classes.ReferenceClasses[i].Count, m.Classes.References))]);
        table.AddRow(["[bold]sung notes[/]", .. modes.Select(m => m.Classes.References.ToString(CultureInfo.InvariantCulture))]);
        for (int i = 0; i < first.ExtraClasses.Count; i++)
            table.AddRow([Markup.Escape(first.ExtraClasses[i].Name), .. modes.Select(m => Cell(m.Classes.ExtraClasses[i].Count, m.Classes.Estimates))]);
        table.AddRow(["[bold]notes sent[/]", .. modes.Select(m => m.Classes.Estimates.ToString(CultureInfo.InvariantCulture))]);
        StandardOutput.Write(table);
    }

    private static void PrintInterval(BootstrapInterval i) =>
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"95 % interval of the mean COnP F1: {i.Low:0.000}-{i.High:0.000} (measured {i.Estimate:0.000}; {BlockBootstrap.BlockSeconds:0} s blocks of each recording drawn again {BlockBootstrap.Resamples} times)"));

    /// <summary>Both engines' COnP F1 per recording, and the difference of the means with its paired interval.</summary>
    private static void PrintComparison(string thisName, string otherName, IReadOnlyList<RecordingScore> scores, IReadOnlyList<RecordingScore> other)
    {
        var table = new Table { Title = new TableTitle("COnP F1, the same recordings and options") };
        table.AddColumns("recording", Markup.Escape(thisName), Markup.Escape(otherName), "difference");
        for (int i = 0; i < scores.Count; i++)
            table.AddRow(Markup.Escape(scores[i].Name), F(scores[i].Scores.COnP.F1), F(other[i].Scores.COnP.F1), Signed(scores[i].Scores.COnP.F1 - other[i].Scores.COnP.F1));
        double a = FolderEvaluation.MeanCOnPF1(scores), b = FolderEvaluation.MeanCOnPF1(other);
        table.AddRow("[bold]mean[/]", F(a), F(b), $"[bold]{Signed(a - b)}[/]");
        StandardOutput.Write(table);
        BootstrapInterval d = BlockBootstrap.Difference(scores.Select(s => s.Scores).ToList(), other.Select(s => s.Scores).ToList());
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"difference of the mean COnP F1 ({thisName} minus {otherName}): {Signed(d.Estimate)}, 95 % interval {Signed(d.Low)} to {Signed(d.High)}; "
            + $"{thisName} higher in {d.ShareAboveZero:P0} of {BlockBootstrap.Resamples} paired resamples of {BlockBootstrap.BlockSeconds:0} s blocks"));
    }

    private static string Signed(double v) => v.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    private static void PrintCeiling(IReadOnlyList<int> delays, IReadOnlyList<(string Name, int Notes, double[] Right)> rows)
    {
        var table = new Table { Title = new TableTitle("reference notes named right from the live pitch track, X ms after their onset") };
        table.AddColumn("recording");
        table.AddColumn("notes");
        foreach (int d in delays) table.AddColumn($"+{d} ms");
        foreach (var (name, notes, right) in rows)
            table.AddRow([Markup.Escape(name), notes.ToString(CultureInfo.InvariantCulture), .. right.Select(F)]);
        table.AddRow(["[bold]mean[/]", "", .. delays.Select((_, i) => F(rows.Average(r => r.Right[i])))]);
        StandardOutput.Write(table);
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Ms(OnsetErrorStats s, double shiftMs) =>
        s.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{s.MedianMs + shiftMs:0.0} / {s.Percentile95Ms + shiftMs:0.0} ms");
}
