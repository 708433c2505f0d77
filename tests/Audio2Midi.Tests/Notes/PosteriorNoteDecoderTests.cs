using Audio2Midi.Models;
using Audio2Midi.Notes;

namespace Audio2Midi.Tests.Notes;

/// <summary>Posteriors -> notes: onsets, pitch named late, legato moves, repeated notes, bad values, no allocation.</summary>
public sealed class PosteriorNoteDecoderTests
{
    private const int Hop = 160;
    private static readonly PosteriorLayout Layout = new(60, 12);

    /// <summary>Frames of posteriors: silence everywhere unless a segment names a pitch (index) from..to (exclusive).</summary>
    private static float[][] Frames(int count, params (int From, int To, int Pitch)[] segments)
    {
        var frames = new float[count][];
        for (int t = 0; t < count; t++)
        {
            var p = new float[Layout.Size];
            p[Layout.Voicing] = 0;
            foreach ((int from, int to, int pitch) in segments)
                if (t >= from && t < to)
                {
                    p[Layout.Frame + pitch] = 0.9f;
                    p[Layout.Voicing] = 0.95f;
                }
            frames[t] = p;
        }
        return frames;
    }

    private static List<(NoteEventKind Kind, int Pitch, long Frame, long DecidedAt)> Decode(float[][] frames, DecoderSettings? settings = null)
    {
        var decoder = new PosteriorNoteDecoder(Layout, settings ?? new DecoderSettings(), new NoteSettings(), Hop);
        var events = new List<(NoteEventKind, int, long, long)>();
        for (int t = 0; t < frames.Length; t++)
        {
            decoder.Step(frames[t]);
            foreach (SegmentEvent e in decoder.Events) events.Add((e.Kind, e.Pitch, e.SourceSample / Hop, t));
        }
        decoder.Release(frames.Length * (long)Hop);
        foreach (SegmentEvent e in decoder.Events) events.Add((e.Kind, e.Pitch, e.SourceSample / Hop, frames.Length));
        return events;
    }

    [Fact]
    public void OnsetStartsANoteOnThePitchTheFrameHeadNames()
    {
        float[][] frames = Frames(60, (10, 40, 3));
        frames[10][Layout.Onset] = 0.9f;
        var events = Decode(frames);
        Assert.Equal([(NoteEventKind.NoteOn, 63, 10L, 10L), (NoteEventKind.NoteOff, 63, 40L, 41L)], events); // released after 2 frames below, dated at the first
    }

    [Fact]
    public void PitchNamedAfterTheAttackIsDatedBackToTheOnset()
    {
        float[][] frames = Frames(60, (13, 40, 5));
        frames[10][Layout.Onset] = 0.8f;
        var events = Decode(frames);
        Assert.Equal((NoteEventKind.NoteOn, 65, 10L, 13L), events[0]);
    }

    [Fact]
    public void NoteStartsWithoutAnOnsetAfterSteadyFrames()
    {
        var events = Decode(Frames(60, (20, 50, 2)), new DecoderSettings { FrameStartFrames = 3 });
        Assert.Equal((NoteEventKind.NoteOn, 62, 20L, 22L), events[0]);
        Assert.Equal((NoteEventKind.NoteOff, 62, 50L, 51L), events[1]);
    }

    [Fact]
    public void LegatoMoveEndsOneNoteAndStartsTheNextWhereTheNewPitchBegan()
    {
        float[][] frames = Frames(80, (10, 30, 3), (30, 60, 7));
        frames[10][Layout.Onset] = 0.9f;
        var events = Decode(frames);
        Assert.Equal(4, events.Count);
        Assert.Equal((NoteEventKind.NoteOff, 63, 30L), (events[1].Kind, events[1].Pitch, events[1].Frame));
        Assert.Equal((NoteEventKind.NoteOn, 67, 30L), (events[2].Kind, events[2].Pitch, events[2].Frame));
        Assert.True(events[2].DecidedAt <= 33);
    }

    [Fact]
    public void YoungNoteThatMovesHandsItsOnsetToTheNewPitch()
    {
        float[][] frames = Frames(80, (10, 17, 3), (21, 60, 2)); // a scoop from above: 70 ms on the neighbour, then a glide
        for (int t = 17; t < 21; t++)
        {
            frames[t][Layout.Frame + 3] = 0.4f;
            frames[t][Layout.Frame + 2] = 0.55f;
            frames[t][Layout.Voicing] = 0.95f;
        }
        frames[10][Layout.Onset] = 0.9f;
        var events = Decode(frames, new DecoderSettings { RepitchWithinFrames = 20 });
        Assert.Equal((NoteEventKind.NoteOff, 63, 10L), (events[1].Kind, events[1].Pitch, events[1].Frame)); // ends where it began
        Assert.Equal((NoteEventKind.NoteOn, 62, 10L), (events[2].Kind, events[2].Pitch, events[2].Frame));
        var late = Decode(frames, new DecoderSettings { RepitchWithinFrames = 5 });
        Assert.Equal(17L, late[2].Frame); // older than the window: a legato move where the new pitch began
    }

    [Fact]
    public void SecondOnsetOnTheSamePitchRestrikesTheNote()
    {
        float[][] frames = Frames(80, (10, 60, 4));
        frames[10][Layout.Onset] = 0.9f;
        frames[35][Layout.Onset] = 0.9f;
        var events = Decode(frames);
        Assert.Equal([NoteEventKind.NoteOn, NoteEventKind.NoteOff, NoteEventKind.NoteOn, NoteEventKind.NoteOff], events.Select(e => e.Kind));
        Assert.Equal(35L, events[1].Frame);
        Assert.Equal(35L, events[2].Frame);
    }

    [Fact]
    public void NeighbourNamedRightAfterTheAttackDoesNotBecomeANoteWhenTheOnsetWaitsForASteadyPitch()
    {
        float[][] frames = Frames(60, (10, 12, 4), (12, 40, 3));
        frames[10][Layout.Onset] = 0.9f;
        var quick = Decode(frames, new DecoderSettings { OnsetSettleFrames = 1, FrameStartFrames = 2 });
        Assert.Equal((NoteEventKind.NoteOn, 64, 10L), (quick[0].Kind, quick[0].Pitch, quick[0].Frame)); // the neighbour first, then a move
        Assert.Equal(4, quick.Count);
        var settled = Decode(frames, new DecoderSettings { OnsetSettleFrames = 3, FrameStartFrames = 2 });
        Assert.Equal([(NoteEventKind.NoteOn, 63, 10L, 14L), (NoteEventKind.NoteOff, 63, 40L, 41L)], settled);
    }

    [Fact]
    public void OneFrameDipDoesNotEndANote()
    {
        float[][] frames = Frames(60, (10, 25, 3), (26, 40, 3));
        frames[10][Layout.Onset] = 0.9f;
        Assert.Equal(2, Decode(frames, new DecoderSettings { ReleaseFrames = 2 }).Count);
        Assert.Equal(4, Decode(frames, new DecoderSettings { ReleaseFrames = 1, FrameStartFrames = 1 }).Count);
    }

    [Fact]
    public void OnsetWithoutPitchIsForgotten()
    {
        float[][] frames = Frames(40);
        frames[10][Layout.Onset] = 0.9f;
        Assert.Empty(Decode(frames));
    }

    [Fact]
    public void NonFiniteValuesNeitherThrowNorMakeNotes()
    {
        float[][] frames = Frames(30);
        foreach (float[] f in frames) Array.Fill(f, float.NaN);
        frames[5][Layout.Onset] = float.PositiveInfinity;
        Assert.Empty(Decode(frames));
    }

    [Fact]
    public void StepDoesNotAllocate()
    {
        var decoder = new PosteriorNoteDecoder(Layout, new DecoderSettings(), new NoteSettings(), Hop);
        float[][] frames = Frames(400, (10, 100, 3), (100, 200, 6), (250, 390, 1));
        frames[10][Layout.Onset] = 0.9f;
        frames[250][Layout.Onset] = 0.9f;
        foreach (float[] f in frames) decoder.Step(f); // warm-up
        decoder.Reset();
        int events = 0;
        long allocated = AllocationProbe.LeastPerPass(() =>
        {
            events = 0;
            for (int round = 0; round < 10; round++)
                foreach (float[] f in frames)
                {
                    decoder.Step(f);
                    events += decoder.Events.Length;
                }
        });
        Assert.Equal(0, allocated);
        Assert.True(events >= 60);
    }
}
