using Audio2Midi.Models;
using Audio2Midi.Training.Learning;

namespace Audio2Midi.Tests.Learning;

/// <summary>The training commands through the real `a2m` entry point: train, export, report, fit-decoder, and their errors.</summary>
[Collection("Console")]
public sealed class TrainingCommandsTests(TrainingFixture data) : IClassFixture<TrainingFixture>
{
    [Fact]
    public void TrainExportReportAndTranscribeFromTheCommandLine()
    {
        string run = Path.Combine(Path.GetTempPath(), $"a2m-cli-{Guid.NewGuid():N}");
        try
        {
            CliRun train = CliRun.Of("train", "-d", data.Cache, "-o", run, "--epochs", "1", "--steps-per-epoch", "2", "--batch", "2", "--hidden", "8", "--channels", "2", "-q");
            Assert.True(train.ExitCode == 0, train.Error);
            Assert.Contains("epoch 1: train loss", train.Error);
            Assert.Contains("best validation loss", train.Error);

            CliRun again = CliRun.Of("train", "-d", data.Cache, "-o", run, "--epochs", "1", "-q");
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("--resume", again.Error);

            string onnx = Path.Combine(run, "cli.onnx");
            CliRun export = CliRun.Of("export", run, "-o", onnx, "--trained-on", "synthetic takes (test data)");
            Assert.True(export.ExitCode == 0, export.Error);
            ModelManifest manifest = ModelManifestJson.Read(ModelPreset.ManifestPathOf(onnx));
            Assert.Equal(["synthetic takes (test data)"], manifest.TrainedOn);
            Assert.True(manifest.Validation.ContainsKey("loss"));

            CliRun report = CliRun.Of("report", run, "--split", "validation", "--dropout-passes", "2");
            Assert.True(report.ExitCode == 0, report.Error);
            foreach (string png in new[] { "loss", "confusion", "f1-per-class", "reliability", "uncertainty-frames", "uncertainty-notes" })
                Assert.True(new FileInfo(Path.Combine(run, "report-validation", png + ".png")).Length > 1000, png);
            string summary = File.ReadAllText(Path.Combine(run, "report-validation", "summary.md"));
            Assert.Contains("expected calibration error", summary);
            Assert.Contains("| silence |", summary);

            string wav = Directory.GetFiles(data.Recordings, "*.wav").First();
            CliRun transcribe = CliRun.Of("transcribe", wav, "--model", onnx, "--live", "--latency", "60", "--csv", Path.Combine(run, "notes.csv"), "-q");
            Assert.True(transcribe.ExitCode == 0, transcribe.Error);
            Assert.StartsWith("onset_s,offset_s,midi_pitch", File.ReadAllText(Path.Combine(run, "notes.csv")));

            // --install puts it in the user's preset folder: `a2m presets` lists it and --preset runs it, as --model did.
            string user = Path.Combine(run, "user-presets");
            Environment.SetEnvironmentVariable(Audio2Midi.Presets.PresetFolders.OverrideVariable, user);
            CliRun install = CliRun.Of("export", run, "-o", Path.Combine(run, "mine.onnx"), "--name", "My CLI model", "--install");
            Assert.True(install.ExitCode == 0, install.Error);
            Assert.True(File.Exists(Path.Combine(user, "mine.onnx")));
            CliRun presets = CliRun.Of("presets");
            Assert.True(presets.ExitCode == 0, presets.Error);
            Assert.Contains("pYIN (live)", presets.Out);
            Assert.Contains("My CLI model", presets.Out);
            Assert.Contains(Path.Combine(user, "mine.json"), presets.Out);   // full paths, even in a pipe
            CliRun byPreset = CliRun.Of("transcribe", wav, "--preset", "My CLI model", "--live", "--latency", "60", "--csv", Path.Combine(run, "preset.csv"), "-q");
            Assert.True(byPreset.ExitCode == 0, byPreset.Error);
            Assert.Equal(File.ReadAllText(Path.Combine(run, "notes.csv")), File.ReadAllText(Path.Combine(run, "preset.csv")));
            CliRun unknown = CliRun.Of("evaluate", data.Recordings, "--preset", "No such model");
            Assert.Equal(1, unknown.ExitCode);
            Assert.Contains("no preset named 'No such model'", unknown.Error);
            Assert.Contains("'My CLI model'", unknown.Error);
            CliRun both = CliRun.Of("transcribe", wav, "--preset", "My CLI model", "--model", onnx);
            Assert.Equal(1, both.ExitCode);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Audio2Midi.Presets.PresetFolders.OverrideVariable, null);
            if (Directory.Exists(run)) Directory.Delete(run, recursive: true);
        }
    }

    [Fact]
    public void BadInputsAreErrorsNamingTheProblem()
    {
        CliRun noData = CliRun.Of("train", "-d", "/nonexistent/cache", "-o", Path.Combine(Path.GetTempPath(), "a2m-never"), "-q");
        Assert.Equal(1, noData.ExitCode);
        Assert.Contains("/nonexistent/cache", noData.Error);

        CliRun noRun = CliRun.Of("export", "/nonexistent/run", "-o", Path.Combine(Path.GetTempPath(), "a2m-never.onnx"));
        Assert.Equal(1, noRun.ExitCode);
        Assert.Contains("not a training run", noRun.Error);

        string dir = Path.Combine(Path.GetTempPath(), $"a2m-bad-model-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string wav = Directory.GetFiles(data.Recordings, "*.wav").First();
            string onnx = Path.Combine(dir, "broken.onnx");
            File.WriteAllBytes(onnx, [1, 2, 3, 4]);
            CliRun missingManifest = CliRun.Of("transcribe", wav, "--model", onnx, "-q", "--csv", Path.Combine(dir, "n.csv"));
            Assert.Equal(1, missingManifest.ExitCode);
            Assert.Contains("broken.json", missingManifest.Error);

            CliRun device = CliRun.Of("train", "-d", data.Cache, "-o", Path.Combine(dir, "run"), "--device", "tpu", "-q");
            Assert.Equal(1, device.ExitCode);
            Assert.Contains("--device tpu", device.Error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
