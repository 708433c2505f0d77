using System.Globalization;
using System.Text.RegularExpressions;
using Audio2Midi.IO;
using Audio2Midi.Tests.IO;
using Audio2Midi.Tests.Signals;
using Audio2Midi.Training;
using Audio2Midi.Training.Evaluation;
using Audio2Midi.Transcription;

namespace Audio2Midi.Tests.Evaluation;

/// <summary>`a2m evaluate`: a folder of recordings with reference notes, transcribed and scored.</summary>
[Collection("Console")]
public sealed partial class EvaluateCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Writes NAME.wav (a sung phrase) and NAME.notes.csv (its notes) into the temp folder.</summary>
    private void AddRecording(string name, params double[] pitches)
    {
        var sung = TestSignals.Phrase(0.3, 0.4, pitches);
        var audio = TestSignals.Sing(sung, 0.3 + 0.4 * pitches.Length + 0.5, 44100, new VoiceOptions { VibratoHz = 5.5, VibratoSemitones = 0.2 });
        WavFile.Write(_dir.File(name + ".wav"), audio, 44100, WavSampleFormat.Pcm16);
        NoteCsv.Write(_dir.File(name + ".notes.csv"), sung.Select(n => new ScoredNote(n.Onset, n.Offset, n.Midi)));
    }

    [Fact]
    public void ScoresEveryRecordingThatHasReferenceNotes()
    {
        AddRecording("one", 57, 62, 66);
        AddRecording("two", 64, 60, 55, 60);
        WavFile.Write(_dir.File("no-reference.wav"), new float[4410], 44100);

        var scores = FolderEvaluation.Run(_dir.Path, ".notes.csv", new TranscriptionOptions());
        Assert.Equal(["one", "two"], scores.Select(s => s.Name));
        Assert.All(scores, s => Assert.True(s.Scores.COnP.F1 > 0.99, $"{s.Name}: {s.Scores.COnP.F1}"));

        var live = FolderEvaluation.Run(_dir.Path, ".notes.csv", new TranscriptionOptions { Live = true });
        var pooled = FolderEvaluation.PooledOnsetErrors(live);
        Assert.True(pooled.Count >= 4);
        Assert.InRange(pooled.MedianMs, 0, 50); // live notes come after the sung onsets
    }

    [Fact]
    public void CommandPrintsTheMeanF1AndLatency()
    {
        AddRecording("one", 57, 62, 66);
        var (code, stdout, stderr) = CliRun.Of("evaluate", _dir.Path, "--live");
        Assert.True(code == 0, stderr);
        Match m = MeanLine().Match(stdout);
        Assert.True(m.Success, stdout);
        Assert.True(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) > 0.6, stdout);
        Assert.Contains("transcribing one.wav", stderr);
    }

    /// <summary>Output that is not a terminal (a pipe, a file, this test) gets every name whole, never "recordi…".</summary>
    [Fact]
    public void TablePrintsLongRecordingNamesWholeWhenNotATerminal()
    {
        const string name = "a-recording-whose-name-is-much-longer-than-any-eighty-column-table-would-leave-room-for";
        AddRecording(name, 57, 62);
        var (code, stdout, stderr) = CliRun.Of("evaluate", _dir.Path);
        Assert.True(code == 0, stderr);
        Assert.Contains(name, stdout);
        Assert.DoesNotContain("…", stdout);
    }

    /// <summary>At a Latency step the notes are scored where a compensating host records them; the as-heard delay is at least the step.</summary>
    [Fact]
    public void CommandScoresALatencyStepAsRecordedAndPrintsTheDelayAsHeard()
    {
        AddRecording("one", 57, 62, 66);
        var (code, stdout, stderr) = CliRun.Of("evaluate", _dir.Path, "--live", "--latency", "60");
        Assert.True(code == 0, stderr);
        Match m = MeanLine().Match(stdout);
        Assert.True(m.Success, stdout);
        Assert.True(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) > 0.6, stdout);
        Assert.InRange(double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), 50, 80);
        Assert.Contains("Latency 60 ms", stdout);

        var (bad, _, error) = CliRun.Of("evaluate", _dir.Path, "--live", "--latency", "45");
        Assert.Equal(1, bad);
        Assert.Contains("0, 30, 60, 120, 250", error);
    }

    [Fact]
    public void FolderWithoutReferencesIsAClearError()
    {
        WavFile.Write(_dir.File("lonely.wav"), new float[4410], 44100);
        var (code, _, stderr) = CliRun.Of("evaluate", _dir.Path);
        Assert.Equal(1, code);
        Assert.Contains("no NAME.wav with reference notes", stderr);
        (code, _, stderr) = CliRun.Of("evaluate", _dir.File("missing"));
        Assert.Equal(1, code);
        Assert.Contains("not found", stderr);
    }

    /// <summary>`--interval` and `--against`: the interval holds the figure; the default preset against pYIN on the same takes, per recording and paired.</summary>
    [Fact]
    public void CommandComparesTwoEnginesWithAnInterval()
    {
        AddRecording("one", 57, 62, 66, 64, 60, 57, 55, 57);
        AddRecording("two", 64, 60, 55, 60, 62, 64, 65, 67);
        var (code, stdout, stderr) = CliRun.Of("evaluate", _dir.Path, "--live", "--latency", "120", "--interval", "--against", "pYIN (live)");
        Assert.True(code == 0, stderr);
        Assert.Contains("transcribing two.wav (against pYIN (live))", stderr);
        double mean = double.Parse(MeanLine().Match(stdout).Groups[1].Value, CultureInfo.InvariantCulture);
        Match interval = IntervalLine().Match(stdout);
        Assert.True(interval.Success, stdout);
        double low = double.Parse(interval.Groups[1].Value, CultureInfo.InvariantCulture), high = double.Parse(interval.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.InRange(mean, low, high);
        Assert.Equal(mean, double.Parse(interval.Groups[3].Value, CultureInfo.InvariantCulture));

        Match difference = DifferenceLine().Match(stdout);
        Assert.True(difference.Success, stdout);
        double d = double.Parse(difference.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(d, double.Parse(difference.Groups[2].Value, CultureInfo.InvariantCulture), double.Parse(difference.Groups[3].Value, CultureInfo.InvariantCulture));
        // The second engine's own figure, run alone, is the first's minus the difference.
        var (_, pyin, _) = CliRun.Of("evaluate", _dir.Path, "--live", "--latency", "120", "--preset", "pYIN (live)");
        double pyinMean = double.Parse(MeanLine().Match(pyin).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(mean - pyinMean - d) <= 0.0011, $"{mean} - {pyinMean} against {d}");   // three printed decimals each
    }

    /// <summary>`--every-step`: one line per Latency step and offline, each the figure the step's own run gives; `--plot` draws them.</summary>
    [Fact]
    public void EveryStepScoresEachModeAsItsOwnRunDoesAndPlotsThem()
    {
        AddRecording("one", 57, 62, 66, 64, 60);
        string png = _dir.File("steps.png");
        var (code, stdout, stderr) = CliRun.Of("evaluate", _dir.Path, "--every-step", "--against", "pYIN (live)", "--plot", png);
        Assert.True(code == 0, stderr);
        var lines = StepLine().Matches(stdout);
        Assert.Equal(["Instant", "30 ms", "60 ms", "120 ms", "250 ms", "offline"], lines.Select(m => m.Groups[1].Value));
        foreach (Match line in lines)
        {
            double mean = double.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture);
            Assert.InRange(mean, double.Parse(line.Groups[3].Value, CultureInfo.InvariantCulture), double.Parse(line.Groups[4].Value, CultureInfo.InvariantCulture));
        }
        var (_, at60, _) = CliRun.Of("evaluate", _dir.Path, "--live", "--latency", "60");
        Assert.Equal(MeanLine().Match(at60).Groups[1].Value, lines[2].Groups[2].Value);
        var (_, pyinOffline, _) = CliRun.Of("evaluate", _dir.Path, "--preset", "pYIN (live)");
        Assert.Contains($"pYIN (live) {Regex.Match(pyinOffline, @"offline: mean COnP F1 ([0-9.]+)").Groups[1].Value}, difference", lines[5].Value);

        byte[] image = File.ReadAllBytes(png);
        Assert.True(image.Length > 10_000, $"{image.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], image[..4]);

        var (both, _, error) = CliRun.Of("evaluate", _dir.Path, "--every-step", "--latency", "60");
        Assert.Equal(1, both);
        Assert.Contains("not both", error);
        (both, _, error) = CliRun.Of("evaluate", _dir.Path, "--plot", png);
        Assert.Equal(1, both);
        Assert.Contains("add --every-step", error);
    }

    /// <summary>`--breakdown`: the sung notes' classes add up to the notes, and "right" is the COnP count the main table gives; per mode with `--every-step`, drawn beside `--plot`.</summary>
    [Fact]
    public void BreakdownAccountsForEverySungNote()
    {
        AddRecording("one", 57, 62, 66, 64, 60);
        var (code, stdout, stderr) = CliRun.Of("evaluate", _dir.Path, "--live", "--latency", "60", "--breakdown");
        Assert.True(code == 0, stderr);
        Match mean = Regex.Match(stdout, @"mean COnP F1 [0-9.]+ \(P [0-9.]+, R ([0-9.]+)\)");
        Assert.True(mean.Success, stdout);
        int[] counts = BreakdownRows().Matches(stdout).Select(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(9, counts.Length);
        Assert.Equal(5, counts.Sum());
        Assert.Equal(double.Parse(mean.Groups[1].Value, CultureInfo.InvariantCulture) * 5, counts[0], 3);
        Assert.Contains("60 ms", stdout);

        string png = _dir.File("steps.png");
        (code, stdout, stderr) = CliRun.Of("evaluate", _dir.Path, "--every-step", "--breakdown", "--plot", png);
        Assert.True(code == 0, stderr);
        Match header = Regex.Match(stdout, @"class\s*│\s*Instant\s*│\s*30 ms\s*│\s*60 ms\s*│\s*120 ms\s*│\s*250 ms\s*│\s*offline");
        Assert.True(header.Success, stdout);
        string classes = _dir.File("steps-breakdown.png");
        Assert.Contains($"wrote {classes}", stdout);
        byte[] image = File.ReadAllBytes(classes);
        Assert.True(image.Length > 10_000, $"{image.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], image[..4]);
    }

    [Fact]
    public void AnUnknownSecondEngineIsAClearError()
    {
        AddRecording("one", 57, 62);
        var (code, _, stderr) = CliRun.Of("evaluate", _dir.Path, "--against", "no such preset");
        Assert.Equal(1, code);
        Assert.Contains("'no such preset' is neither a MODEL.onnx nor a preset", stderr);
        Assert.Contains("'pYIN (live)'", stderr);
        (code, _, stderr) = CliRun.Of("evaluate", _dir.Path, "--against", _dir.File("missing.onnx"));
        Assert.Equal(1, code);
        Assert.Contains("missing.onnx: model not found", stderr);
        File.WriteAllText(_dir.File("broken.json"), "{\"format\": 1,");
        File.WriteAllBytes(_dir.File("broken.onnx"), [1, 2, 3]);
        (code, _, stderr) = CliRun.Of("evaluate", _dir.Path, "--against", _dir.File("broken.onnx"));
        Assert.Equal(1, code);
        Assert.Contains("broken.json: not a valid model manifest", stderr);
        Assert.DoesNotContain("transcribing", stderr);   // refused before the first engine ran
    }

    [Theory]
    [InlineData("--block", "0", "error: --block 0: block size must be 1..1048576 frames")]
    [InlineData("--host-rate", "1000", "error: --host-rate 1000: host rate must be 8000..384000 Hz")]
    [InlineData("--decoder-lag", "500", "error: --decoder-lag 500: decoder lag must be 0..200 frames")]
    public void AnEngineOptionOutOfRangeIsRefusedByItsFlagBeforeAnyRecording(string flag, string value, string error)
    {
        AddRecording("one", 57, 62);
        var (code, _, stderr) = CliRun.Of("evaluate", _dir.Path, "--live", flag, value);
        Assert.Equal(1, code);
        Assert.Equal(error, stderr.Trim());
        Assert.DoesNotContain("transcribing", stderr);
    }

    [GeneratedRegex(@"│ (right \(COnP\)|onset right, [^│]+|missed: [^│]+?)\s*│\s*(\d+) \(")]
    private static partial Regex BreakdownRows();

    [GeneratedRegex(@"^(Instant|\d+ ms|offline): mean COnP F1 ([0-9.]+) \(([0-9.]+)-([0-9.]+)\).*$", RegexOptions.Multiline)]
    private static partial Regex StepLine();

    [GeneratedRegex(@"95 % interval of the mean COnP F1: ([0-9.]+)-([0-9.]+) \(measured ([0-9.]+);")]
    private static partial Regex IntervalLine();

    [GeneratedRegex(@"difference of the mean COnP F1 \(.+ minus pYIN \(live\)\): ([-+0-9.]+), 95 % interval ([-+0-9.]+) to ([-+0-9.]+);")]
    private static partial Regex DifferenceLine();

    [GeneratedRegex(@"mean COnP F1 ([0-9.]+) \(P [0-9.]+, R [0-9.]+\), COnPOff F1 [0-9.]+, COn F1 [0-9.]+, \d+ notes for \d+; as heard \(output minus reference onset\) over \d+ matched notes: median ([0-9.]+) ms")]
    private static partial Regex MeanLine();
}
