using System.CommandLine;
using System.Globalization;
using Audio2Midi.Features;
using Audio2Midi.IO;
using Audio2Midi.Labels;
using Audio2Midi.Training.Datasets;
using Spectre.Console;

namespace Audio2Midi.Training.Commands;

/// <summary>`a2m dataset import|stats`: build and inspect the feature/label cache that training reads.</summary>
public static class DatasetCommand
{
    public static Command Create()
    {
        var command = new Command("dataset", "Build and inspect training datasets: log-CQT features and onset/frame/offset labels in a binary cache.");
        command.Subcommands.Add(CreateImport());
        command.Subcommands.Add(CreateStats());
        return command;
    }

    private static Command CreateImport()
    {
        var input = new Argument<DirectoryInfo>("dir") { Description = "Folder of (wav, mid) pairs: same stem (take.wav + take.mid) or voice_NNN.wav + midi_NNN.mid." };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Cache folder to write (data.a2mc, features.json, import-report.txt).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the train/validation/test split (by recording).", DefaultValueFactory = _ => 1 };
        var validation = new Option<double>("--validation") { Description = "Fraction of recordings for validation.", DefaultValueFactory = _ => 0.1 };
        var test = new Option<double>("--test") { Description = "Fraction of recordings for test.", DefaultValueFactory = _ => 0.1 };
        var fixOctave = new Option<bool>("--fix-octave") { Description = "Shift labels that sit a constant number of octaves off the sung pitch (found with pYIN) onto it, in the cache only." };
        var keepOctave = new Option<bool>("--keep-octave-offset") { Description = "Import pairs with an octave offset unchanged (default: leave them out and say so)." };
        var minPitch = new Option<int>("--min-pitch") { Description = "Lowest labelled MIDI pitch.", DefaultValueFactory = _ => 36 };
        var maxPitch = new Option<int>("--max-pitch") { Description = "Highest labelled MIDI pitch.", DefaultValueFactory = _ => 84 };
        var onsetWidth = new Option<int>("--onset-width") { Description = "Frames marked as onset from each note's first frame.", DefaultValueFactory = _ => 1 };
        var offsetWidth = new Option<int>("--offset-width") { Description = "Frames marked as offset after each note ends.", DefaultValueFactory = _ => 1 };
        var hop = new Option<int>("--hop") { Description = "CQT hop in samples at 16 kHz.", DefaultValueFactory = _ => new CqtSettings().HopSamples };
        var maxKernel = new Option<int>("--max-kernel") { Description = "Cap on CQT kernel length in samples; half of it is the latency the live CQT adds.", DefaultValueFactory = _ => new CqtSettings().MaxKernelSamples };
        var window = new Option<double>("--window") { Description = "Training window length, seconds.", DefaultValueFactory = _ => 4 };
        var overlap = new Option<double>("--overlap") { Description = "Overlap of consecutive training windows, seconds.", DefaultValueFactory = _ => 0 };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar; print only problems." };
        var command = new Command("import", "Import a folder of (wav, mid) pairs: validate each pair, split by recording, compute log-CQT features and labels into a cache.")
        {
            input, output, seed, validation, test, fixOctave, keepOctave, minPitch, maxPitch, onsetWidth, offsetWidth, hop, maxKernel, window, overlap, quiet,
        };
        command.SetAction(parse =>
        {
            try
            {
                var options = new ImportOptions
                {
                    Seed = parse.GetValue(seed),
                    ValidationFraction = parse.GetValue(validation),
                    TestFraction = parse.GetValue(test),
                    FixOctave = parse.GetValue(fixOctave),
                    KeepOctaveOffset = parse.GetValue(keepOctave),
                    Labels = new LabelSettings
                    {
                        MinPitch = parse.GetValue(minPitch),
                        MaxPitch = parse.GetValue(maxPitch),
                        OnsetWidthFrames = parse.GetValue(onsetWidth),
                        OffsetWidthFrames = parse.GetValue(offsetWidth),
                    },
                    Features = new FeatureParameters
                    {
                        Cqt = new CqtSettings { HopSamples = parse.GetValue(hop), MaxKernelSamples = parse.GetValue(maxKernel) },
                        Windows = new WindowSettings { WindowSeconds = parse.GetValue(window), OverlapSeconds = parse.GetValue(overlap) },
                    },
                };
                if (options.FixOctave && options.KeepOctaveOffset) throw new ArgumentException("--fix-octave and --keep-octave-offset exclude each other");
                string inputDir = parse.GetValue(input)!.FullName, cacheDir = parse.GetValue(output)!.FullName;
                bool q = parse.GetValue(quiet);
                ImportResult result = RunImport(inputDir, cacheDir, options, q);
                foreach (string line in ImportReportText.Lines(result))
                    if (!q || line.StartsWith("error", StringComparison.Ordinal) || line.StartsWith("warning", StringComparison.Ordinal) || line.StartsWith("unpaired", StringComparison.Ordinal))
                        Console.Error.WriteLine(line);
                if (!q) Console.Error.WriteLine($"wrote {cacheDir} ({CacheFormat.DataFileName}, {FeatureParametersJson.FileName}, {CacheFormat.ReportFileName})");
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException or AudioFileException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static ImportResult RunImport(string input, string cache, ImportOptions options, bool quiet)
    {
        if (quiet || Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return DatasetImporter.Import(input, cache, options);
        ImportResult? result = null;
        AnsiConsole.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask("importing", maxValue: 1);
            result = DatasetImporter.Import(input, cache, options, new SynchronousProgress<(int Done, int Total, string Name)>(p =>
            {
                task.MaxValue = p.Total;
                task.Value = p.Done;
                task.Description = $"importing {Markup.Escape(p.Name)}";
            }));
        });
        return result!;
    }

    private static Command CreateStats()
    {
        var cache = new Argument<DirectoryInfo>("cache") { Description = "Cache folder written by `a2m dataset import`." };
        var command = new Command("stats", "Print a cache's splits, feature parameters and class distribution.") { cache };
        command.SetAction(parse =>
        {
            try
            {
                using CacheReader reader = CacheReader.Open(parse.GetValue(cache)!.FullName);
                PrintStats(reader);
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static void PrintStats(CacheReader reader)
    {
        CqtSettings c = reader.Parameters.Cqt;
        DatasetStatistics stats = DatasetStatistics.Compute(reader);
        var table = new Table().AddColumns("split", "recordings", "minutes", "frames", "notes");
        foreach (var (split, (recordings, frames, notes)) in stats.Splits)
            table.AddRow(split.ToString(), recordings.ToString(CultureInfo.InvariantCulture), (frames / c.FramesPerSecond / 60).ToString("0.0", CultureInfo.InvariantCulture),
                frames.ToString(CultureInfo.InvariantCulture), notes.ToString(CultureInfo.InvariantCulture));
        StandardOutput.Write(table);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CQT: {c.SampleRate} Hz, hop {c.HopSamples} ({1000.0 * c.HopSamples / c.SampleRate:0.#} ms), {c.BinCount} bins at {c.BinsPerOctave}/octave from {c.MinFrequency:0.00} Hz, kernels <= {c.MaxKernelSamples} samples (latency {1000.0 * c.LatencySamples / c.SampleRate:0} ms); windows {reader.Parameters.Windows.WindowSeconds} s, overlap {reader.Parameters.Windows.OverlapSeconds} s"));
        Console.Out.WriteLine($"labels: MIDI {reader.Labels.MinPitch}..{reader.Labels.MaxPitch}, onset width {reader.Labels.OnsetWidthFrames}, offset width {reader.Labels.OffsetWidthFrames}; normalisation: {(reader.Parameters.Normalization is null ? "none" : "per-bin mean/std of the training split")}");
        long total = stats.ClassFrames.Sum();
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"class distribution over {total} frames: silence {Share(stats.ClassFrames[0], total)}; onset frames {stats.OnsetFrames}"));
        var pitches = new Table().AddColumns("pitch", "frames", "share");
        for (int k = 1; k < stats.ClassFrames.Length; k++)
            if (stats.ClassFrames[k] > 0)
                pitches.AddRow((reader.Labels.MinPitch + k - 1).ToString(CultureInfo.InvariantCulture), stats.ClassFrames[k].ToString(CultureInfo.InvariantCulture), Share(stats.ClassFrames[k], total));
        StandardOutput.Write(pitches);
    }

    private static string Share(long part, long total) => total == 0 ? "-" : (100.0 * part / total).ToString("0.0", CultureInfo.InvariantCulture) + " %";

}
