using Audio2Midi.Training.Synthesis;

namespace Audio2Midi.Tests.Synthesis;

public class FluidSynthRendererTests
{
    [Fact]
    public void ProgramChangeIsInsertedWithoutDisturbingTheNotes()
    {
        var notes = new List<Audio2Midi.Midi.MidiNote> { new(0.5, 1.0, 60), new(1.0, 1.75, 64) };
        using var stream = new MemoryStream();
        Audio2Midi.Midi.MidiFileWriter.Write(stream, notes);
        byte[] withProgram = FluidSynthRenderer.WithProgram(stream.ToArray(), 52);
        Assert.Equal(stream.Length + 3, withProgram.Length);
        var back = Audio2Midi.Midi.MidiFileReader.Read(new MemoryStream(withProgram), "program.mid");
        Assert.Empty(back.Warnings);
        Assert.Equal(notes.Select(n => (n.Pitch, Math.Round(n.OnsetSeconds, 3), Math.Round(n.OffsetSeconds, 3))),
            back.Notes.Select(n => (n.Pitch, Math.Round(n.OnsetSeconds, 3), Math.Round(n.OffsetSeconds, 3))));
        Assert.True(withProgram.AsSpan().IndexOf(new byte[] { 0x00, 0xC0, 52 }) > 0);
    }
}
