using Audio2Midi.Engine;
using Audio2Midi.Notes;
using Audio2Midi.Transcription;

namespace Audio2Midi.Tests.Transcription;

public class NoteCollectorTests
{
    private static NoteEvent At(NoteEventKind kind, long position, int pitch) => new(kind, 0, position, position, pitch, 90, 0, 0);

    [Fact]
    public void PairsNoteOnsWithTheirNoteOffs()
    {
        var collector = new NoteCollector(1000, useSourceTime: false);
        collector.OnEvent(At(NoteEventKind.NoteOn, 500, 60));
        collector.OnEvent(At(NoteEventKind.NoteOff, 900, 60));
        collector.OnEvent(At(NoteEventKind.NoteOn, 900, 62));
        collector.CloseAll(1.5);
        Assert.Equal([(0.5, 0.9, 60), (0.9, 1.5, 62)], collector.Notes.Select(n => (n.OnsetSeconds, n.OffsetSeconds, n.Pitch)));
    }
}
