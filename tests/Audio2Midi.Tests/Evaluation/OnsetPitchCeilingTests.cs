using Audio2Midi.IO;
using Audio2Midi.Pitch;
using Audio2Midi.Tests.IO;
using Audio2Midi.Tests.Signals;
using Audio2Midi.Training.Evaluation;

namespace Audio2Midi.Tests.Evaluation;

/// <summary>The pitch-at-onset ceiling: could a note be named right X ms after its onset from the live pitch track?</summary>
[Collection("Console")]
public sealed class OnsetPitchCeilingTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static TimedPitchFrame Frame(double seconds, double midi, bool voiced = true) =>
        new(new PitchFrame(0, 0, voiced, midi, voiced ? 0.9 : 0, -20), seconds);

    [Fact]
    public void CountsNotesWhosePitchRoundsRightAtEachDelay()
    {
        // One note scooping from 58.2 to 60.0 between 1.00 and 1.05 s; another whose frame at +20 ms is unvoiced.
        var track = new List<TimedPitchFrame>
        {
            Frame(1.01, 58.2), Frame(1.02, 58.9), Frame(1.03, 59.4), Frame(1.04, 59.8), Frame(1.05, 60.0), Frame(1.09, 60.1),
            Frame(2.02, 0, voiced: false), Frame(2.04, 65.2), Frame(2.09, 65.1),
        };
        var reference = new List<ScoredNote> { new(1.0, 1.5, 60.0), new(2.0, 2.5, 64.8) };
        double[] right = OnsetPitchCeiling.Measure(track, reference, [10, 20, 30, 40, 80]);
        // +10: 58.2 (wrong) and nothing yet; +20: 58.9 -> 59, unvoiced; +30: 59.4 -> 59; +40: 59.8 -> 60, 65.2 -> 65; +80: both.
        Assert.Equal([0, 0, 0, 1.0, 1.0], right);
    }

    [Fact]
    public void ScoopedNotesAreNamedRightOnlyOnceTheScoopIsOver()
    {
        // Notes that start 2 semitones flat and reach their pitch linearly over 120 ms.
        var sung = new List<SungNote> { new(0.3, 0.9, 57), new(1.2, 1.8, 62), new(2.1, 2.7, 66) };
        var audio = TestSignals.Sing(sung, 3.0, 44100, new VoiceOptions { ScoopSemitones = 2, ScoopSeconds = 0.12 });
        string wav = _dir.File("scoop.wav");
        WavFile.Write(wav, audio, 44100, WavSampleFormat.Pcm16);

        double[] right = OnsetPitchCeiling.Measure(wav, sung.Select(n => new ScoredNote(n.Onset, n.Offset, n.Midi)).ToList(), [30, 60, 200]);
        Assert.Equal(0, right[0]);   // 30 ms in, the voice is still 1.5 semitones flat (and the tracker later still)
        Assert.Equal(1, right[2]);   // 200 ms in, every note sits on its pitch
    }

    [Fact]
    public void EvaluateShowsTheCeilingTable()
    {
        var sung = TestSignals.Phrase(0.3, 0.4, 57, 62, 66);
        WavFile.Write(_dir.File("one.wav"), TestSignals.Sing(sung, 2.0, 44100), 44100, WavSampleFormat.Pcm16);
        NoteCsv.Write(_dir.File("one.notes.csv"), sung.Select(n => new ScoredNote(n.Onset, n.Offset, n.Midi)));

        var (code, stdout, stderr) = CliRun.Of("evaluate", _dir.Path, "--live", "--pitch-ceiling");
        Assert.True(code == 0, stderr);
        Assert.Contains("named right from the live pitch track", stdout);
        Assert.Contains("+80 ms", stdout);
    }
}
