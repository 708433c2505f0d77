using Audio2Midi.Models;

namespace Audio2Midi.Tests.Models;

/// <summary>`a2m ensemble-f0` through the real command line, on the shipped f0 preset.</summary>
[Collection("Console")]
public sealed class F0EnsembleCommandTests
{
    [Fact]
    public void TheCommandWritesAPresetThatLoadsAndRefusesAnotherKindWithAnError()
    {
        string presets = Path.Combine(TestPaths.RepositoryRoot, "training", "presets");
        string f0 = Path.Combine(presets, "f0-notes.onnx"), cqt = Path.Combine(TestPaths.TestModels, "live-hust-tuned.onnx");
        string folder = Directory.CreateTempSubdirectory("a2m-ensemble-cli").FullName;
        try
        {
            string output = Path.Combine(folder, "twice.onnx");
            CliRun ok = CliRun.Of("ensemble-f0", f0, f0, "-o", output, "--name", "Twice");
            Assert.True(ok.ExitCode == 0, ok.Error);
            Assert.Contains("the mean of 2 models", ok.Error);
            using (ModelPreset preset = ModelPreset.Load(output))
            {
                Assert.Equal("Twice", preset.Manifest.Name);
                Assert.Equal(2, preset.Manifest.Validation["members"]);
            }

            CliRun bad = CliRun.Of("ensemble-f0", f0, cqt, "-o", Path.Combine(folder, "bad.onnx"));
            Assert.Equal(1, bad.ExitCode);
            Assert.Contains("error:", bad.Error);
            Assert.Contains("live-hust-tuned.onnx", bad.Error);
            Assert.False(File.Exists(Path.Combine(folder, "bad.onnx")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
