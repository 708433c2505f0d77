using System.Globalization;
using System.Text.RegularExpressions;
using Audio2Midi.Models;

namespace Audio2Midi.Tests.Learning;

/// <summary>
/// The commands a user trains an f0 model on their own voice with, through the real command line (docs/training.md):
/// `train-f0` on three takes, `fit-decoder`, which fits the settings the manifest keeps per head (onset threshold,
/// frame-start confirmation) for the head a step runs, after which the model scores what the fit printed, and
/// `evaluate` on the split train-f0 made, without a dataset cache.
/// </summary>
[Collection("Console")]
public sealed partial class F0OwnModelCommandsTests(TrainingFixture data) : IClassFixture<TrainingFixture>
{
    private const int Step = 120, Head = 3;

    [Fact]
    public void TheStepsHeadIsFittedAloneAndThenScoresWhatTheFitPrinted()
    {
        string folder = Directory.CreateTempSubdirectory("a2m-fit-f0").FullName;
        try
        {
            (string onnx, ModelManifest poor) = CopyShippedModelWithAPoorHead(folder);
            string manifestPath = ModelPreset.ManifestPathOf(onnx);
            double before = Evaluate(onnx);

            CliRun fit = CliRun.Of("fit-decoder", onnx, "--recordings", data.Recordings, "--reference-suffix", ".mid", "--cache", data.Cache, "--split", "train", "--latency", $"{Step}");
            Assert.True(fit.ExitCode == 0, fit.Error);
            Assert.Contains($"120 ms: head {Head} (21 frames of look-ahead)", fit.Out);
            Assert.Contains($"the manifest's present onset 0.99, frame start frames 40 score {before.ToString("0.000", CultureInfo.InvariantCulture)}", fit.Out);
            double best = double.Parse(BestLine().Match(fit.Out).Groups[1].Value, CultureInfo.InvariantCulture);

            ModelManifest after = ModelManifestJson.Read(manifestPath);
            Assert.Contains(after.F0DecoderFor(Head).OnsetThreshold, new[] { 0.5, 0.65, 0.8, 0.9 });
            Assert.Contains(after.F0DecoderFor(Head).FrameStartFrames, new[] { 3, 4, 6 });
            for (int h = 0; h < poor.F0!.Count; h++)
                if (h != Head) Assert.Equal(poor.F0DecoderFor(h), after.F0DecoderFor(h));
            Assert.Equal(poor.Decoder, after.Decoder);   // the settings every head shares are not this fit's

            double fitted = Evaluate(onnx);
            Assert.Equal(best, fitted, 3);
            Assert.True(fitted > before, $"fitted {fitted} against {before}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// With --also, a grid point scores the mean of the split's mean COnP F1 and each whole folder's: after the fit, the
    /// model scores on the two, through `a2m evaluate`, what the fit printed (to the printout's rounding).
    /// </summary>
    [Fact]
    public void AlsoFitsOnTheMeanOfTheSplitAndEachWholeFolder()
    {
        string folder = Directory.CreateTempSubdirectory("a2m-fit-also").FullName;
        try
        {
            string onnx = CopyShippedModelWithAPoorHead(folder).Onnx;

            CliRun fit = CliRun.Of("fit-decoder", onnx, "--recordings", data.Recordings, "--reference-suffix", ".mid", "--cache", data.Cache, "--split", "train",
                "--also", data.Recordings, "--latency", $"{Step}");
            Assert.True(fit.ExitCode == 0, fit.Error);
            Assert.Contains("scoring each point on the train split and all of", fit.Out);
            Assert.Contains("(fitted live at 120 ms on the train split and all of", fit.Out);
            double best = double.Parse(BestLine().Match(fit.Out).Groups[1].Value, CultureInfo.InvariantCulture);

            CliRun whole = CliRun.Of("evaluate", data.Recordings, "--reference-suffix", ".mid", "--model", onnx, "--live", "--latency", $"{Step}");
            Assert.True(whole.ExitCode == 0, whole.Error);
            double split = Evaluate(onnx), all = double.Parse(MeanLine().Match(whole.Out + whole.Error).Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(split - all) > 0.003, $"the split ({split}) and the whole folder ({all}) score alike: the test would not see which was fitted on");
            Assert.True(Math.Abs(best - (split + all) / 2) <= 0.0011, $"the fit printed {best}, evaluate gives {split} and {all}");

            CliRun missing = CliRun.Of("fit-decoder", onnx, "--recordings", data.Recordings, "--reference-suffix", ".mid", "--cache", data.Cache, "--split", "train",
                "--also", Path.Combine(folder, "nowhere"), "--latency", $"{Step}");
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("--also", missing.Error);
            Assert.Contains("nowhere: no such folder", missing.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>`--steps` fits the heads of the steps it names, each at its own step, and leaves every other head as it was.</summary>
    [Fact]
    public void StepsFitsOnlyTheNamedHeads()
    {
        string folder = Directory.CreateTempSubdirectory("a2m-fit-steps").FullName;
        try
        {
            (string onnx, ModelManifest poor) = CopyShippedModelWithAPoorHead(folder);
            // The Instant head made poor too, so both named heads must move.
            ModelManifest twoPoor = poor.WithF0Decoder(0, poor.F0DecoderFor(0) with { OnsetThreshold = 0.99, FrameStartFrames = 40 });
            string manifestPath = ModelPreset.ManifestPathOf(onnx);
            ModelManifestJson.Write(manifestPath, twoPoor);

            CliRun fit = CliRun.Of("fit-decoder", onnx, "--recordings", data.Recordings, "--reference-suffix", ".mid", "--cache", data.Cache, "--split", "train", "--steps", $"{Step},0");
            Assert.True(fit.ExitCode == 0, fit.Error);
            int instant = fit.Out.IndexOf("Instant: head 0", StringComparison.Ordinal), slow = fit.Out.IndexOf("120 ms: head 3", StringComparison.Ordinal);
            Assert.True(instant >= 0 && slow > instant, fit.Out);   // in the plugin's order, whatever order they were named in
            Assert.DoesNotContain("30 ms: head 1", fit.Out);
            Assert.Equal(2, Regex.Count(fit.Out, "the manifest's present onset 0.99, frame start frames 40"));
            Assert.Contains("fitted the heads of Instant, 120 ms, each at its own step on the train split", fit.Out);

            ModelManifest after = ModelManifestJson.Read(manifestPath);
            string written = File.ReadAllText(manifestPath);
            foreach (int h in new[] { 0, Head })
                Assert.NotEqual(twoPoor.F0DecoderFor(h), after.F0DecoderFor(h));
            foreach (int h in new[] { 1, 2, 4 })
                Assert.Equal(twoPoor.F0DecoderFor(h), after.F0DecoderFor(h));

            CliRun wrong = CliRun.Of("fit-decoder", onnx, "--recordings", data.Recordings, "--reference-suffix", ".mid", "--cache", data.Cache, "--split", "train", "--steps", "0,45");
            Assert.Equal(1, wrong.ExitCode);
            Assert.Contains("--steps: 45 is not a Latency step", wrong.Error);
            CliRun both = CliRun.Of("fit-decoder", onnx, "--recordings", data.Recordings, "--reference-suffix", ".mid", "--cache", data.Cache, "--split", "train", "--steps", "0", "--every-step");
            Assert.Equal(1, both.ExitCode);
            Assert.Contains("--steps and --every-step: give one", both.Error);
            CliRun latency = CliRun.Of("fit-decoder", onnx, "--recordings", data.Recordings, "--reference-suffix", ".mid", "--cache", data.Cache, "--split", "train", "--steps", "0", "--latency", "120");
            Assert.Equal(1, latency.ExitCode);
            Assert.Contains("--latency and --steps: give one", latency.Error);
            Assert.Equal(written, File.ReadAllText(manifestPath));   // refused runs write nothing
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void EveryStepFitsEachHeadAtItsStepAndIsRefusedForASpectralModel()
    {
        string folder = Directory.CreateTempSubdirectory("a2m-fit-f0").FullName;
        try
        {
            string onnx = CopyShippedModel(folder);
            // No cache: the folder split as train-f0 splits it (the fixture's cache was imported with seed 2, 0.17 / 0.17).
            CliRun fit = CliRun.Of("fit-decoder", onnx, "--recordings", data.Recordings, "--reference-suffix", ".mid", "--seed", "2", "--validation", "0.17", "--test", "0.17", "--every-step", "--dry-run");
            Assert.True(fit.ExitCode == 0, fit.Error);
            string[] steps = ["Instant: head 0", "30 ms: head 1", "60 ms: head 2", "120 ms: head 3", "250 ms: head 4"];
            Assert.All(steps, s => Assert.Contains(s, fit.Out));
            Assert.Equal(5, Regex.Count(fit.Out, "the manifest's present onset"));
            Assert.Contains("per step, the manifest's settings -> the fitted ones:", fit.Out);
            Assert.Matches(@"250 ms +onset 0\.5 -> [0-9.]+, frame start frames 6 -> [346], COnP F1 [0-9.]+ -> [0-9.]+", fit.Out);
            Assert.DoesNotContain("wrote", fit.Out);

            string spectral = Path.Combine(TestPaths.TestModels, "live-hust-tuned.onnx");
            CliRun refused = CliRun.Of("fit-decoder", spectral, "--recordings", data.Recordings, "--cache", data.Cache, "--every-step");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("live-hust-tuned.onnx", refused.Error);
            Assert.Contains("--every-step is for f0 models", refused.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void WithoutACacheTheSplitIsTheOneImportAndTrainF0Make()
    {
        string[] common = ["evaluate", data.Recordings, "--reference-suffix", ".mid", "--split", "validation"];
        CliRun cached = CliRun.Of([.. common, "--cache", data.Cache]);
        CliRun folder = CliRun.Of([.. common, "--seed", "2", "--validation", "0.17", "--test", "0.17"]);
        CliRun other = CliRun.Of([.. common, "--seed", "3", "--validation", "0.5", "--test", "0.17"]);
        Assert.True(cached.ExitCode == 0 && folder.ExitCode == 0 && other.ExitCode == 0, cached.Error + folder.Error + other.Error);
        Assert.Equal(cached.Out, folder.Out);
        Assert.NotEqual(cached.Out, other.Out);

        CliRun alone = CliRun.Of("evaluate", data.Recordings, "--reference-suffix", ".mid", "--cache", data.Cache);
        Assert.Equal(1, alone.ExitCode);
        Assert.Contains("give --split too", alone.Error);
    }

    [Fact]
    public void ThreeTakesTrainFitAndScoreOnTheirOwnSplit()
    {
        string folder = Directory.CreateTempSubdirectory("a2m-own-voice").FullName;
        try
        {
            string takes = Directory.CreateDirectory(Path.Combine(folder, "takes")).FullName;
            for (int i = 0; i < 3; i++)
            {
                var take = Audio2Midi.Training.Synthesis.SyntheticTake.Render(900 + i, 5, 16000);
                Audio2Midi.IO.WavFile.Write(Path.Combine(takes, $"take{i}.wav"), take.Audio, 16000);
                File.WriteAllLines(Path.Combine(takes, $"take{i}.notes.csv"),
                    ["onset_s,offset_s,midi_pitch", .. take.Labels.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.OnsetSeconds},{n.OffsetSeconds},{n.Pitch}"))]);
            }
            string onnx = Path.Combine(folder, "mine.onnx");
            CliRun train = CliRun.Of("train-f0", takes, "--run", Path.Combine(folder, "run"), "-o", onnx, "--epochs", "1", "--steps-per-epoch", "2", "--hidden", "8", "--depth", "1");
            Assert.True(train.ExitCode == 0, train.Error);
            Match held = Regex.Match(train.Error, @"1 training renderings, 1 validation recordings; test held out: (take\d)");
            Assert.True(held.Success, train.Error);

            CliRun report = CliRun.Of("report", Path.Combine(folder, "run"));   // a spectral run's command: says what an f0 run has instead
            Assert.Equal(1, report.ExitCode);
            Assert.Contains("an `a2m train-f0` run", report.Error);

            CliRun fit = CliRun.Of("fit-decoder", onnx, "--recordings", takes, "--latency", "60");
            Assert.True(fit.ExitCode == 0, fit.Out + fit.Error);
            Assert.Contains("wrote the best thresholds", fit.Out);

            CliRun test = CliRun.Of("evaluate", takes, "--model", onnx, "--split", "test", "--live", "--latency", "60");
            Assert.True(test.ExitCode == 0, test.Error);
            Assert.Contains(held.Groups[1].Value, test.Out);
            Assert.Matches(MeanLine(), test.Out + test.Error);
            CliRun refused = CliRun.Of("fit-decoder", onnx, "--recordings", takes, "--split", "test");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("keep the test split for reporting", refused.Error);

            // The long heads' start deltas refitted on that run (as the shipped preset is made), read by the decoder; weights of
            // another network are refused by name.
            string refit = Path.Combine(folder, "refit.onnx");
            CliRun trainRefit = CliRun.Of("train-f0", takes, "--run", Path.Combine(folder, "run-refit"), "-o", refit, "--steps-per-epoch", "2", "--hidden", "8", "--depth", "1",
                "--refit-start-delta", Path.Combine(folder, "run", "best.pt"));
            Assert.True(trainRefit.ExitCode == 0, trainRefit.Error);
            Assert.Contains("start-delta loss on validation", trainRefit.Error);
            string refitManifest = File.ReadAllText(Path.ChangeExtension(refit, ".json"));
            Assert.Contains("the start deltas of heads 3 refitted on run/best.pt", refitManifest);
            Assert.Equal([1, 1, 1, 1, 0], ModelManifestJson.Read(Path.ChangeExtension(refit, ".json")).F0ReadDelta!);   // the 120 ms head's by default
            CliRun testRefit = CliRun.Of("evaluate", takes, "--model", refit, "--split", "test", "--live", "--latency", "250");
            Assert.True(testRefit.ExitCode == 0, testRefit.Error);
            // Both in one command (--refit): the same network as training and then refitting, byte for byte (MKL's
            // results kept independent of memory alignment: Learning/TorchNativeSettings.cs).
            string both = Path.Combine(folder, "both.onnx");
            CliRun trainBoth = CliRun.Of("train-f0", takes, "--run", Path.Combine(folder, "run-both"), "-o", both, "--epochs", "1", "--steps-per-epoch", "2", "--hidden", "8", "--depth", "1",
                "--refit");
            Assert.True(trainBoth.ExitCode == 0, trainBoth.Error);
            Assert.Contains("start-delta loss on validation", trainBoth.Error);
            Assert.Equal(File.ReadAllBytes(refit), File.ReadAllBytes(both));
            Assert.NotEqual(File.ReadAllBytes(onnx), File.ReadAllBytes(both));   // the refit changed the deltas
            Assert.Contains("the start deltas of heads 3 refitted after training", File.ReadAllText(Path.ChangeExtension(both, ".json")));
            Assert.Equal([1, 1, 1, 1, 0], ModelManifestJson.Read(Path.ChangeExtension(both, ".json")).F0ReadDelta!);
            CliRun twoRefits = CliRun.Of("train-f0", takes, "--run", Path.Combine(folder, "run-two"), "--refit", "--refit-start-delta", Path.Combine(folder, "run", "best.pt"));
            Assert.Equal(1, twoRefits.ExitCode);
            Assert.Contains("give one of them", twoRefits.Error);
            CliRun wrongNetwork = CliRun.Of("train-f0", takes, "--run", Path.Combine(folder, "run-wrong"), "--steps-per-epoch", "2", "--hidden", "16", "--depth", "1",
                "--refit-start-delta", Path.Combine(folder, "run", "best.pt"));
            Assert.Equal(1, wrongNetwork.ExitCode);
            Assert.Contains("best.pt: not the weights of an f0 network with --hidden 16", wrongNetwork.Error);
            CliRun wrongStep = CliRun.Of("train-f0", takes, "--run", Path.Combine(folder, "run-wrong-step"), "--steps-per-epoch", "2", "--hidden", "8", "--depth", "1",
                "--refit-start-delta", Path.Combine(folder, "run", "best.pt"), "--refit-steps-ms", "30,45");
            Assert.Equal(1, wrongStep.ExitCode);
            Assert.Contains("--refit-steps-ms: 45 is not a Latency step", wrongStep.Error);

            // The taps output layer and the spectral numbers through the same flow: trained, exported with the second state
            // and 17 inputs, the manifest saying so, scored at 250 ms. Its shifted copy is also put in a room (--rooms), with dropout.
            string taps = Path.Combine(folder, "taps.onnx");
            CliRun trainTaps = CliRun.Of("train-f0", takes, "--run", Path.Combine(folder, "run-taps"), "-o", taps, "--epochs", "1", "--steps-per-epoch", "2", "--hidden", "8", "--depth", "1", "--taps", "3", "--spectral",
                "--shifts", "0,2.5", "--rooms", "1", "--dropout", "0.3");
            Assert.True(trainTaps.ExitCode == 0, trainTaps.Error);
            Assert.Contains("2 training renderings", trainTaps.Error);
            Assert.Matches(@"\+2\.50 st, room \d\.\d\d s at \d+ % wet, noise \d+ dB under", trainTaps.Error);
            string tapsManifest = File.ReadAllText(Path.ChangeExtension(taps, ".json"));
            Assert.Contains("taps 3", tapsManifest);
            Assert.Contains("rooms 1", tapsManifest);
            Assert.Contains("dropout 0.3", tapsManifest);
            Assert.Contains("\"f0_features\": \"pitch\\u002Bspectrum\"", tapsManifest);
            CliRun testTaps = CliRun.Of("evaluate", takes, "--model", taps, "--split", "test", "--live", "--latency", "250");
            Assert.True(testTaps.ExitCode == 0, testTaps.Error);
            Assert.Matches(MeanLine(), testTaps.Out + testTaps.Error);
            CliRun badTaps = CliRun.Of("train-f0", takes, "--run", Path.Combine(folder, "run-bad"), "--taps", "1");
            Assert.Equal(1, badTaps.ExitCode);
            Assert.Contains("--taps must be 0 (a linear output layer) or 2..16", badTaps.Error);
            CliRun badRooms = CliRun.Of("train-f0", takes, "--run", Path.Combine(folder, "run-bad"), "--rooms", "1.5");
            Assert.Equal(1, badRooms.ExitCode);
            Assert.Contains("--rooms must be a share 0..1", badRooms.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string CopyShippedModel(string folder)
    {
        string presets = Path.Combine(TestPaths.RepositoryRoot, "training", "presets");
        foreach (string name in new[] { "f0-notes.onnx", "f0-notes.json" })
            File.Copy(Path.Combine(presets, name), Path.Combine(folder, name));
        return Path.Combine(folder, "f0-notes.onnx");
    }

    /// <summary>
    /// The shipped model copied with a poor start for the 120 ms head (its onsets almost never pass, its frame starts wait
    /// 200 ms), so a fit must move it; returns the copy and the manifest written.
    /// </summary>
    private static (string Onnx, ModelManifest Poor) CopyShippedModelWithAPoorHead(string folder)
    {
        string onnx = CopyShippedModel(folder);
        string manifestPath = ModelPreset.ManifestPathOf(onnx);
        ModelManifest shipped = ModelManifestJson.Read(manifestPath);
        ModelManifest poor = shipped.WithF0Decoder(Head, shipped.F0DecoderFor(Head) with { OnsetThreshold = 0.99, FrameStartFrames = 40 });
        ModelManifestJson.Write(manifestPath, poor);
        return (onnx, poor);
    }

    /// <summary>`a2m evaluate`'s mean COnP F1 for the model at the step, on the split the fit used.</summary>
    private double Evaluate(string onnx)
    {
        CliRun run = CliRun.Of("evaluate", data.Recordings, "--reference-suffix", ".mid", "--split", "train", "--cache", data.Cache, "--model", onnx, "--live", "--latency", $"{Step}");
        Assert.True(run.ExitCode == 0, run.Error);
        return double.Parse(MeanLine().Match(run.Out + run.Error).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"COnP F1 ([0-9.]+): onset")]
    private static partial Regex BestLine();

    [GeneratedRegex(@"mean COnP F1 ([0-9.]+)")]
    private static partial Regex MeanLine();
}
