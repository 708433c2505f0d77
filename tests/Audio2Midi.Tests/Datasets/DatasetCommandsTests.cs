using Audio2Midi.Training;

namespace Audio2Midi.Tests.Datasets;

/// <summary>`a2m synth`, `a2m dataset import|stats` and `a2m plot` run in-process through the real entry point.</summary>
[Collection("Console")]
public sealed class DatasetCommandsTests : IDisposable
{
    private readonly DatasetFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SynthImportStatsAndPlotsWorkEndToEnd()
    {
        string synth = _dir.File("synth"), cache = _dir.File("cache");
        var run = CliRun.Of("synth", "--minutes", "1.5", "--out", synth, "--seed", "9", "-q");
        Assert.True(run.ExitCode == 0, run.Error);
        string[] wavs = Directory.GetFiles(synth, "*.wav");
        Assert.True(wavs.Length >= 3);
        Assert.Equal(wavs.Length, Directory.GetFiles(synth, "*.mid").Length);

        run = CliRun.Of("dataset", "import", synth, "--out", cache, "-q", "--validation", "0.25", "--test", "0.25");
        Assert.True(run.ExitCode == 0, run.Error);
        run = CliRun.Of("dataset", "stats", cache);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Train", run.Out);
        Assert.Contains("silence", run.Out);

        string window = _dir.File("window.png"), classes = _dir.File("classes.png"), audio = _dir.File("audio.png");
        Assert.Equal(0, CliRun.Of("plot", "window", cache, "--start", "1", "-o", window).ExitCode);
        Assert.Equal(0, CliRun.Of("plot", "classes", cache, "-o", classes).ExitCode);
        Assert.Equal(0, CliRun.Of("plot", "audio", wavs[0], "--mid", Path.ChangeExtension(wavs[0], ".mid"), "-o", audio).ExitCode);
        foreach (string png in new[] { window, classes, audio })
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png).Take(4));
    }

    [Fact]
    public void ErrorsNameTheFileAndExitWithOne()
    {
        string missing = _dir.File("nowhere");
        var run = CliRun.Of("dataset", "import", missing, "--out", _dir.File("cache"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(missing, run.Error);

        run = CliRun.Of("dataset", "stats", _dir.Path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a dataset cache", run.Error);

        run = CliRun.Of("plot", "classes", _dir.Path, "-o", _dir.File("x.png"));
        Assert.Equal(1, run.ExitCode);

        run = CliRun.Of("synth", "--minutes", "0", "--out", _dir.File("s"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--minutes", run.Error);

        run = CliRun.Of("synth", "--minutes", "1", "--melisma", "1.5", "--out", _dir.File("m"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--melisma must be a share of phrases, 0..1", run.Error);
        Assert.False(Directory.Exists(_dir.File("m")));
    }
}
