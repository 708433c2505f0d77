using System.CommandLine;
using Audio2Midi.Features;
using Audio2Midi.IO;
using Audio2Midi.Labels;
using Audio2Midi.Midi;
using Audio2Midi.Training.Datasets;
using Audio2Midi.Training.Plots;

namespace Audio2Midi.Training.Commands;

/// <summary>`a2m plot window|audio|classes`: PNG figures of the CQT with its labels, and of the class distribution.</summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var command = new Command("plot", "Draw PNG figures: a CQT window with its labels drawn over it, or a cache's class distribution.");
        command.Subcommands.Add(CreateWindow());
        command.Subcommands.Add(CreateAudio());
        command.Subcommands.Add(CreateClasses());
        return command;
    }

    private static Option<FileInfo> OutputOption() => new("--out", "-o") { Description = "PNG file to write.", Required = true };

    private static Command CreateWindow()
    {
        var cache = new Argument<DirectoryInfo>("cache") { Description = "Cache folder written by `a2m dataset import`." };
        var recording = new Option<string?>("--recording") { Description = "Recording name (the wav's stem; default: the first in the cache)." };
        var start = new Option<double>("--start") { Description = "Window start, seconds." };
        var seconds = new Option<double?>("--seconds") { Description = "Window length, seconds (default: the cache's training window)." };
        var output = OutputOption();
        var command = new Command("window", "A window of cached log-CQT features with its frame labels drawn as boxes.") { cache, recording, start, seconds, output };
        command.SetAction(parse => Guard(() =>
        {
            using CacheReader reader = CacheReader.Open(parse.GetValue(cache)!.FullName);
            if (reader.Recordings.Count == 0) throw new InvalidDataException($"{reader.Directory}: the cache holds no recordings");
            string? name = parse.GetValue(recording);
            CachedRecording r = name is null ? reader.Recordings[0] : reader.Find(name);
            CqtSettings cqt = reader.Parameters.Cqt;
            (int first, int count) = Frames(parse.GetValue(start), parse.GetValue(seconds) ?? reader.Parameters.Windows.WindowSeconds, r.Frames, cqt, r.Name);
            var features = new float[count * cqt.BinCount];
            reader.ReadFeatures(r, first, count, features, normalize: false);
            FrameLabels window = Slice(reader.ReadLabels(r), first, count);
            string png = parse.GetValue(output)!.FullName;
            CqtWindowPlot.Save(png, features, count, cqt, window, first / cqt.FramesPerSecond, $"{r.Name} ({r.Split}): log-CQT and labels");
            Console.Error.WriteLine($"wrote {png}");
        }));
        return command;
    }

    private static Command CreateAudio()
    {
        var wav = new Argument<FileInfo>("wav") { Description = "Audio file." };
        var mid = new Option<FileInfo?>("--mid") { Description = "MIDI labels to draw over the CQT." };
        var start = new Option<double>("--start") { Description = "Window start, seconds." };
        var seconds = new Option<double>("--seconds") { Description = "Window length, seconds.", DefaultValueFactory = _ => 4 };
        var maxKernel = new Option<int>("--max-kernel") { Description = "Cap on CQT kernel length in samples (default: the default feature settings' cap).", DefaultValueFactory = _ => new CqtSettings().MaxKernelSamples };
        var output = OutputOption();
        var command = new Command("audio", "The log-CQT of an audio file (default feature settings), with a MIDI file's notes drawn over it.") { wav, mid, start, seconds, maxKernel, output };
        command.SetAction(parse => Guard(() =>
        {
            string path = parse.GetValue(wav)!.FullName;
            float[] mono = WavFile.ReadMono(path, out int rate);
            var parameters = new FeatureParameters { Cqt = new CqtSettings { MaxKernelSamples = parse.GetValue(maxKernel) } };
            CqtSettings cqt = parameters.Cqt;
            float[] features = CqtFeatureExtractor.Compute(mono, rate, parameters, out int frames);
            (int first, int count) = Frames(parse.GetValue(start), parse.GetValue(seconds), frames, cqt, path);
            FrameLabels? labels = null;
            if (parse.GetValue(mid) is { } midFile)
                labels = Slice(FrameLabeler.Label(MidiFileReader.Read(midFile.FullName).Notes, frames, cqt.FramesPerSecond, new LabelSettings()), first, count);
            string png = parse.GetValue(output)!.FullName;
            CqtWindowPlot.Save(png, features.AsSpan(first * cqt.BinCount, count * cqt.BinCount), count, cqt, labels, first / cqt.FramesPerSecond,
                $"{Path.GetFileName(path)}: log-CQT (kernels <= {cqt.MaxKernelSamples} samples)" + (labels is null ? "" : " and labels"));
            Console.Error.WriteLine($"wrote {png}");
        }));
        return command;
    }

    private static Command CreateClasses()
    {
        var cache = new Argument<DirectoryInfo>("cache") { Description = "Cache folder written by `a2m dataset import`." };
        var output = OutputOption();
        var command = new Command("classes", "Bar chart of the single-label class distribution (silence and each pitch) over all frames of a cache.") { cache, output };
        command.SetAction(parse => Guard(() =>
        {
            using CacheReader reader = CacheReader.Open(parse.GetValue(cache)!.FullName);
            DatasetStatistics stats = DatasetStatistics.Compute(reader);
            string png = parse.GetValue(output)!.FullName;
            ClassDistributionPlot.Save(png, stats.ClassFrames, reader.Labels.MinPitch, $"{Path.GetFileName(reader.Directory)}: class distribution over {stats.ClassFrames.Sum()} frames");
            Console.Error.WriteLine($"wrote {png}");
        }));
        return command;
    }

    private static (int First, int Count) Frames(double start, double seconds, int total, CqtSettings cqt, string name)
    {
        int first = (int)Math.Round(start * cqt.FramesPerSecond);
        if (start < 0 || first >= total) throw new ArgumentException($"{name}: --start {start} s lies outside its {total / cqt.FramesPerSecond:0.##} s");
        if (!(seconds > 0)) throw new ArgumentException("--seconds must be > 0");
        return (first, Math.Min(total - first, Math.Max(1, (int)Math.Round(seconds * cqt.FramesPerSecond))));
    }

    private static FrameLabels Slice(FrameLabels all, int first, int count)
    {
        var window = new FrameLabels(count, all.Settings, all.Issues);
        int p = all.PitchCount;
        all.Onset.AsSpan(first * p, count * p).CopyTo(window.Onset);
        all.Frame.AsSpan(first * p, count * p).CopyTo(window.Frame);
        all.Offset.AsSpan(first * p, count * p).CopyTo(window.Offset);
        all.Class.AsSpan(first, count).CopyTo(window.Class);
        return window;
    }

    private static int Guard(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException or AudioFileException or KeyNotFoundException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
