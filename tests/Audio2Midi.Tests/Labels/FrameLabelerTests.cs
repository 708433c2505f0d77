using Audio2Midi.Labels;
using Audio2Midi.Midi;

namespace Audio2Midi.Tests.Labels;

public class FrameLabelerTests
{
    private const double Fps = 100;
    private static readonly LabelSettings Settings = new() { OnsetWidthFrames = 2, OffsetWidthFrames = 1 };

    /// <summary>Notes go through a real Standard MIDI File, as they do in an import.</summary>
    private static IReadOnlyList<MidiNote> ThroughMidiFile(params MidiNote[] notes)
    {
        using var stream = new MemoryStream();
        MidiFileWriter.Write(stream, notes);
        stream.Position = 0;
        return MidiFileReader.Read(stream, "test.mid").Notes;
    }

    private static bool Has(FrameLabels l, LabelIssueKind kind) => l.Issues.Any(i => i.Kind == kind);

    [Fact]
    public void OnsetFrameAndOffsetTargetsFollowTheNotes()
    {
        var notes = ThroughMidiFile(new MidiNote(0.5, 1.0, 60), new MidiNote(1.2, 1.5, 64));
        FrameLabels l = FrameLabeler.Label(notes, 200, Fps, Settings);
        Assert.Empty(l.Issues);
        for (int f = 0; f < 200; f++)
        {
            Assert.Equal(f is >= 50 and < 100, l.IsActive(f, 60));
            Assert.Equal(f is >= 120 and < 150, l.IsActive(f, 64));
            Assert.Equal(f is 50 or 51 ? 1 : 0, l.Onset[f * l.PitchCount + 60 - 36]);
            Assert.Equal(f == 100 ? 1 : 0, l.Offset[f * l.PitchCount + 60 - 36]);
            Assert.Equal(f is >= 50 and < 100 ? 60 : f is >= 120 and < 150 ? 64 : null, l.ClassPitch(f));
        }
        Assert.Equal(49, l.PitchCount);
        Assert.Equal(50, l.Settings.ClassCount);
    }

    [Fact]
    public void EmptyFileIsAllSilenceAndReported()
    {
        FrameLabels l = FrameLabeler.Label(ThroughMidiFile(), 50, Fps, Settings);
        Assert.True(Has(l, LabelIssueKind.NoNotes));
        Assert.All(l.Class, c => Assert.Equal(0, c));
        Assert.All(l.Frame, v => Assert.Equal(0, v));
    }

    [Fact]
    public void ZeroLengthAndTooShortNotesAreReported()
    {
        var notes = new[] { new MidiNote(0.3, 0.3, 60), new MidiNote(0.5, 0.503, 62) };
        FrameLabels l = FrameLabeler.Label(notes, 100, Fps, Settings);
        Assert.True(Has(l, LabelIssueKind.ZeroLengthNote));
        Assert.True(Has(l, LabelIssueKind.ShorterThanFrame));
        Assert.False(l.IsActive(30, 60));
        Assert.True(l.IsActive(50, 62));
        Assert.Equal(1, l.Frame.Count(v => v != 0));
    }

    [Fact]
    public void NotesPastTheAudioEndAreCutOrDroppedAndReported()
    {
        var notes = ThroughMidiFile(new MidiNote(0.8, 1.5, 60), new MidiNote(2.0, 2.5, 62));
        FrameLabels l = FrameLabeler.Label(notes, 100, Fps, Settings);
        Assert.True(Has(l, LabelIssueKind.NotePastAudioEnd));
        Assert.True(Has(l, LabelIssueKind.NoteAfterAudioEnd));
        Assert.True(l.IsActive(99, 60));
        Assert.Equal(0, l.Offset.Sum(v => v)); // its offset lies beyond the last frame
        Assert.DoesNotContain(Enumerable.Range(0, 100), f => l.IsActive(f, 62));
    }

    [Fact]
    public void OverlapsArePreservedAndReported()
    {
        var notes = new[] { new MidiNote(0.1, 0.5, 60), new MidiNote(0.4, 0.8, 60), new MidiNote(0.6, 0.7, 67) };
        FrameLabels l = FrameLabeler.Label(notes, 100, Fps, Settings);
        Assert.True(Has(l, LabelIssueKind.SamePitchOverlap));
        Assert.True(Has(l, LabelIssueKind.Polyphony));
        Assert.All(Enumerable.Range(10, 70), f => Assert.True(l.IsActive(f, 60)));
        Assert.Equal(2, Enumerable.Range(0, 100).Count(f => l.Onset[f * l.PitchCount + 60 - 36] != 0 && (f == 10 || f == 40)));
        Assert.Equal(67, l.ClassPitch(65));
        Assert.Equal(60, l.ClassPitch(75));
    }

    [Fact]
    public void PitchesOutsideTheRangeAreReportedAndLeftOut()
    {
        FrameLabels l = FrameLabeler.Label([new MidiNote(0.1, 0.5, 30), new MidiNote(0.1, 0.5, 90)], 100, Fps, Settings);
        Assert.Equal(2, l.Issues.Count(i => i.Kind == LabelIssueKind.PitchOutOfRange));
        Assert.All(l.Class, c => Assert.Equal(0, c));
    }
}
