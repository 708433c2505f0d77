using Audio2Midi.Midi;
using Audio2Midi.Presets;
using Audio2Midi.Tests.IO;
using Audio2Midi.Training;
using Audio2Midi.Training.Evaluation;

namespace Audio2Midi.Tests.Transcription;

/// <summary>Tests that swap the process-wide console writers; they must not run in parallel with each other.</summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>`a2m transcribe` run in-process through the real entry point.</summary>
[Collection("Console")]
public sealed class TranscribeCommandTests : IDisposable
{
    /// <summary>One tick at 480 PPQ and 120 BPM, plus a little rounding slack.</summary>
    private const double OneTick = 0.5 / 480 + 1e-6;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Phrase() => FileTranscriberTests.WritePhrase(_dir.File("phrase.wav"), 44100);

    [Fact]
    public void Live_run_writes_a_midi_file_and_a_csv_with_the_same_notes()
    {
        string wav = Phrase(), mid = _dir.File("out.mid"), csv = _dir.File("out.csv");

        var run = CliRun.Of("transcribe", wav, "-o", mid, "--csv", csv, "--live", "-q");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(mid));
        Assert.True(File.Exists(csv));
        Assert.Equal("onset_s,offset_s,midi_pitch", File.ReadLines(csv).First());

        var fromCsv = NoteCsv.Read(csv);
        var midi = MidiFileReader.Read(mid);
        Assert.Empty(midi.Warnings);
        Assert.Equal(FileTranscriberTests.Truth.Select(n => (int)n.Midi).ToArray(), midi.Notes.Select(n => n.Pitch).ToArray());
        Assert.Equal(midi.Notes.Count, fromCsv.Count);
        for (int i = 0; i < fromCsv.Count; i++)
        {
            Assert.Equal(midi.Notes[i].Pitch, fromCsv[i].MidiPitch);
            Assert.Equal(fromCsv[i].Onset, midi.Notes[i].OnsetSeconds, OneTick);
            Assert.Equal(fromCsv[i].Offset, midi.Notes[i].OffsetSeconds, OneTick);
        }
    }

    [Theory]
    [InlineData("--block", "0", "error: --block 0: block size must be 1..1048576 frames")]
    [InlineData("--host-rate", "500000", "error: --host-rate 500000: host rate must be 8000..384000 Hz")]
    [InlineData("--decoder-lag", "-1", "error: --decoder-lag -1: decoder lag must be 0..200 frames")]
    public void Engine_option_out_of_range_is_refused_by_its_flag_and_writes_nothing(string flag, string value, string error)
    {
        string wav = Phrase(), mid = _dir.File("out.mid");
        var run = CliRun.Of("transcribe", wav, "-o", mid, "--live", flag, value);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(error, run.Error.Trim());
        Assert.False(File.Exists(mid));
    }

    [Fact]
    public void Latency_step_writes_the_notes_where_a_compensating_host_records_them()
    {
        string wav = Phrase(), instant = _dir.File("instant.csv"), placed = _dir.File("placed.csv");
        Assert.Equal(0, CliRun.Of("transcribe", wav, "--csv", instant, "--live", "-q").ExitCode);
        var run = CliRun.Of("transcribe", wav, "--csv", placed, "--live", "--latency", "120");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Latency 120 ms", run.Error);

        var a = NoteCsv.Read(instant);
        var b = NoteCsv.Read(placed);
        Assert.Equal(a.Select(n => n.MidiPitch), b.Select(n => n.MidiPitch));
        for (int i = 0; i < b.Count; i++)
        {
            Assert.InRange(b[i].Onset, FileTranscriberTests.Truth[i].Onset - 0.03, FileTranscriberTests.Truth[i].Onset + 0.03);
            Assert.True(b[i].Onset < a[i].Onset);
        }
    }

    [Fact]
    public void Without_a_preset_it_runs_the_default_preset_and_with_decoder_lag_pyin()
    {
        string wav = Phrase(), plain = _dir.File("plain.csv"), named = _dir.File("named.csv"), lagged = _dir.File("lagged.csv");
        var run = CliRun.Of("transcribe", wav, "--csv", plain, "--live", "--latency", "60");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"by {PresetCatalog.DefaultName} (", run.Error);
        Assert.Equal(0, CliRun.Of("transcribe", wav, "--csv", named, "--live", "--latency", "60", "--preset", PresetCatalog.DefaultName, "-q").ExitCode);
        Assert.Equal(File.ReadAllText(named), File.ReadAllText(plain));
        // --model names the .onnx; the summary reads the name from the manifest beside it (it once read the .onnx as JSON and failed).
        string modelled = _dir.File("modelled.csv"), onnx = Path.Combine(TestPaths.RepositoryRoot, "training", "presets", "f0-notes.onnx");
        var model = CliRun.Of("transcribe", wav, "--csv", modelled, "--live", "--latency", "60", "--model", onnx);
        Assert.True(model.ExitCode == 0, model.Error);
        Assert.Contains($"by {PresetCatalog.DefaultName} (", model.Error);
        Assert.Equal(File.ReadAllText(plain), File.ReadAllText(modelled));
        Assert.Equal(FileTranscriberTests.Truth.Select(n => (int)n.Midi), NoteCsv.Read(plain).Select(n => (int)n.MidiPitch));

        var lag = CliRun.Of("transcribe", wav, "--csv", lagged, "--live", "--decoder-lag", "0");
        Assert.True(lag.ExitCode == 0, lag.Error);
        Assert.Contains($"by {PresetEntry.PyinName} (", lag.Error);
    }

    [Theory]
    [InlineData("--live", "--latency", "50")]
    [InlineData("--latency", "60")]
    public void Latency_must_be_a_plugin_step_and_needs_live(params string[] args)
    {
        var run = CliRun.Of(["transcribe", Phrase(), "--csv", _dir.File("x.csv"), "-q", .. args]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--latency", run.Error);
        Assert.False(File.Exists(_dir.File("x.csv")));
    }

    [Fact]
    public void Transpose_shifts_every_pitch()
    {
        string wav = Phrase(), plain = _dir.File("plain.csv"), up = _dir.File("up.csv");

        Assert.Equal(0, CliRun.Of("transcribe", wav, "--csv", plain, "--live", "-q").ExitCode);
        Assert.Equal(0, CliRun.Of("transcribe", wav, "--csv", up, "--live", "-q", "--transpose", "12").ExitCode);

        var a = NoteCsv.Read(plain);
        var b = NoteCsv.Read(up);
        Assert.Equal(FileTranscriberTests.Truth.Length, a.Count);
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].MidiPitch + 12, b[i].MidiPitch);
            Assert.Equal(a[i].Onset, b[i].Onset, 1e-9);
            Assert.Equal(a[i].Offset, b[i].Offset, 1e-9);
        }
        // Only --csv given: no .mid next to the input.
        Assert.False(File.Exists(Path.ChangeExtension(wav, ".mid")));
    }

    [Fact]
    public void Fixed_velocity_is_written_to_the_midi_file()
    {
        string wav = Phrase(), mid = _dir.File("v.mid");

        var run = CliRun.Of("transcribe", wav, "-o", mid, "--velocity", "77", "-q");

        Assert.True(run.ExitCode == 0, run.Error);
        var notes = MidiFileReader.Read(mid).Notes;
        Assert.Equal(FileTranscriberTests.Truth.Length, notes.Count);
        Assert.All(notes, n => Assert.Equal(77, n.Velocity));
    }

    [Fact]
    public void Missing_input_fails_and_writes_nothing()
    {
        string wav = _dir.File("missing.wav"), mid = _dir.File("m.mid"), csv = _dir.File("m.csv");

        var run = CliRun.Of("transcribe", wav, "-o", mid, "--csv", csv, "-q");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("missing.wav", run.Error);
        Assert.False(File.Exists(mid));
        Assert.False(File.Exists(csv));
    }

    [Fact]
    public void Garbage_wav_fails_and_leaves_no_midi_file()
    {
        string wav = _dir.File("garbage.wav"), mid = _dir.File("g.mid");
        var bytes = new byte[3000];
        new Random(5).NextBytes(bytes);
        File.WriteAllBytes(wav, bytes);

        var run = CliRun.Of("transcribe", wav, "-o", mid, "--live", "-q");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("garbage.wav", run.Error);
        Assert.False(File.Exists(mid));
        Assert.False(File.Exists(Path.ChangeExtension(wav, ".mid")));
    }

    [Fact]
    public void Key_out_of_range_is_rejected()
    {
        string wav = Phrase(), mid = _dir.File("k.mid");

        var run = CliRun.Of("transcribe", wav, "-o", mid, "--key", "13", "-q");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("key", run.Error);
        Assert.False(File.Exists(mid));
    }
}
