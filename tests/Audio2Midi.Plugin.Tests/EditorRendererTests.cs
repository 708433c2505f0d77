using System.Runtime.InteropServices;
using Audio2Midi.Plugin.Editor;
using SkiaSharp;

namespace Audio2Midi.Plugin.Tests;

/// <summary>
/// The window's drawing, without a window: the managed processor streams a sung melody, its audio thread feeds the
/// ring, the history takes it and the renderer draws into a bitmap. Each sung note shows as a note bar on its row,
/// where it was sung; the preset list names every preset, the selected one highlighted; the feed allocates nothing.
/// </summary>
public sealed unsafe class EditorRendererTests
{
    private const int Rate = 48000;
    private static readonly double[] Melody = [60, 64, 67, 72, 67, 64];

    private static (Processor, EditorHistory) Sing()
    {
        var processor = new Processor();
        Assert.True(processor.SetBusArrangements(1, 1));
        Assert.True(processor.SetupProcessing(Rate, 1024));
        processor.SetActive(true);
        processor.SetProcessing(true);
        // The default preset loads in the background (pYIN meanwhile): sing once it runs, so the notes do not depend on
        // how long the load took (a swap in mid-note split one in a cold fresh clone).
        Assert.Equal(EngineStatus.ModelRunning, OverrunTests.WaitForPreset(processor));
        float[] voice = Signals.Concat(Signals.Melody(Rate, Melody), Signals.Silence(0.5, Rate));
        var input = (float*)NativeMemory.AllocZeroed(128, sizeof(float));
        var ins = (float**)NativeMemory.Alloc(1, (nuint)sizeof(float*));
        ins[0] = input;
        var history = new EditorHistory();
        var output = new NullOutput();
        try
        {
            for (int at = 0; at + 128 <= voice.Length; at += 128)
            {
                voice.AsSpan(at, 128).CopyTo(new Span<float>(input, 128));
                processor.Process(128, ins, 1, null, 0, null, output, Processor.Transport.Playing);
                if (at % (128 * 50) == 0) history.Update(processor.Feed);   // the window's 30-odd frames a second
            }
            history.Update(processor.Feed);
        }
        finally
        {
            NativeMemory.Free(input);
            NativeMemory.Free(ins);
        }
        return (processor, history);
    }

    [Fact]
    public void TheFeedCarriesTheSungNotesAndPitch()
    {
        (Processor processor, EditorHistory history) = Sing();
        Assert.Equal(Melody.Select(m => (int)m), history.Notes.Select(n => n.Pitch));
        Assert.All(history.Notes, n => Assert.NotEqual(long.MaxValue, n.End));
        // Each note starts near where it was sung: 0.1 s of silence, then 0.35 s notes with 0.1 s gaps (Signals.Melody).
        for (int i = 0; i < Melody.Length; i++)
            Assert.InRange(history.Notes[i].Start / (double)Rate, 0.1 + 0.45 * i - 0.02, 0.1 + 0.45 * i + 0.12);
        Assert.Contains(history.Pitch, p => Math.Abs(p.Midi - 67) < 0.3);
        Assert.True(history.LevelDb < -100, "the level after the closing silence");
        processor.Terminate();
    }

    [Fact]
    public void TheRollShowsEachNoteOnItsRowAndThePresetListEveryPreset()
    {
        (Processor processor, EditorHistory history) = Sing();
        var layout = new EditorLayout(EditorLayout.DefaultWidth, EditorLayout.DefaultHeight, 1);
        double[] normalized = Parameters.All.Select(p => p.DefaultNormalized).ToArray();
        EditorState state = EditorStateBuilder.From(normalized);
        using var bitmap = new SKBitmap(layout.Width, layout.Height, SKColorType.Bgra8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        using (var renderer = new EditorRenderer())
            renderer.Render(canvas, layout, state, history);

        (int Low, int High) range = EditorLayout.PitchRange(history);
        foreach (EditorHistory.Note n in history.Notes)
        {
            int x = (int)((layout.X(n.Start, history.Now, history.SampleRate) + layout.X(n.End, history.Now, history.SampleRate)) / 2);
            int y = (int)(layout.Y(n.Pitch, range) + layout.RowOf(range) * 0.3f);   // below the name, inside the bar
            Assert.Equal(EditorRenderer.NoteColor, bitmap.GetPixel(x, y));
            int above = (int)(layout.Y(n.Pitch + 1, range));
            Assert.NotEqual(EditorRenderer.NoteColor, bitmap.GetPixel(x, above));
        }
        Assert.Equal(ProgramList.Names, state.Presets.Select(p => p.Name));
        (float top, float bottom) = layout.PresetRowSpan(state.Selected);
        Assert.Equal(EditorRenderer.Selected, bitmap.GetPixel(2, (int)((top + bottom) / 2)));
        (float top2, float bottom2) = layout.PresetRowSpan(state.Selected + 1);
        Assert.NotEqual(EditorRenderer.Selected, bitmap.GetPixel(2, (int)((top2 + bottom2) / 2)));
        Assert.Equal(state.Selected + 1, layout.PresetAt(5, (top2 + bottom2) / 2, state.Presets.Count));
        processor.Terminate();
    }

    private sealed class NullOutput : IEventOutput
    {
        public void NoteOn(int sampleOffset, int channel, int pitch, int velocity) { }
        public void NoteOff(int sampleOffset, int channel, int pitch) { }
        public void PitchBend(int sampleOffset, int channel, int value) { }
    }
}
