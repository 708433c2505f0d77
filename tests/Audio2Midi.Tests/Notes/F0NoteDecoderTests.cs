using Audio2Midi.Models;
using Audio2Midi.Notes;

namespace Audio2Midi.Tests.Notes;

/// <summary>
/// The f0 note decoder's legato move (a change of pitch no onset announced): decided as soon as the head has heard its
/// confirmation, so at every step it comes within the head's look-ahead, and a glance at another pitch shorter than the
/// confirmation moves nothing.
/// </summary>
public sealed class F0NoteDecoderTests
{
    private static readonly DecoderSettings Decoder = new() { OnsetThreshold = 0.8, FrameThreshold = 0.5, FrameOffThreshold = 0.4, FrameStartFrames = 6, ReleaseFrames = 4 };

    /// <summary>Feeds an f0 track (MIDI per 5 ms frame) with a head that hears a steady voice and no onsets; returns (frame the event left at, event).</summary>
    private static List<(long Frame, SegmentEvent Event)> Run(double[] midi, int lookAhead)
    {
        var decoder = new F0NoteDecoder(Decoder, new NoteSettings(), lookAhead, wholeNote: false);
        float[] head = new float[F0Heads.PerHead];
        head[F0Heads.Frame] = 1;
        var events = new List<(long, SegmentEvent)>();
        for (int n = 0; n < midi.Length; n++)
        {
            decoder.Step(midi[n], (n + 1L) * F0Heads.HopSamples + F0Heads.CentreOffsetSamples, 0, head);
            foreach (SegmentEvent e in decoder.Events) events.Add((n, e));
        }
        return events;
    }

    /// <summary>The frame an event is dated to (frame n ends at sample (n + 1) x hop + the centre offset; events sit at its centre).</summary>
    private static long FrameOf(SegmentEvent e) => (e.SourceSample - F0Heads.HopSamples) / F0Heads.HopSamples;

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(21)]
    [InlineData(47)]
    public void ALegatoStepIsDecidedWithinTheLookAhead(int lookAhead)
    {
        double[] midi = Enumerable.Range(0, 400).Select(n => n < 200 ? 60.0 : 62.0).ToArray();
        var events = Run(midi, lookAhead);
        var on = Assert.Single(events, e => e.Event.Kind == NoteEventKind.NoteOn && e.Event.Pitch == 62);
        long start = FrameOf(on.Event);
        Assert.InRange(start, 198, 201); // the rule's median window sees the step a frame or two early
        Assert.Contains(events, e => e.Event.Kind == NoteEventKind.NoteOff && e.Event.Pitch == 60 && FrameOf(e.Event) == start);
        // The confirmation is 6 frames at Instant and 12 with look-ahead. Heard frames count, so the move leaves once the
        // head has heard them and the rule's window after them: from 16 frames of look-ahead on, at the look-ahead's own
        // delay. Counted one decided frame at a time it left 11 frames after that, past the step's budget.
        int needed = lookAhead == 0 ? 6 : 12;
        Assert.Equal(start + Math.Max(lookAhead, needed - 1 + Math.Min(lookAhead, 4)), on.Frame);
        if (lookAhead >= 16) Assert.Equal(start + lookAhead, on.Frame);
    }

    [Fact]
    public void AGlanceAtAnotherPitchShorterThanTheConfirmationMovesNothing()
    {
        // 8 frames (40 ms) on 62 inside a note on 60: heard at once by the 250 ms head, and not a move.
        double[] midi = Enumerable.Range(0, 400).Select(n => n is >= 200 and < 208 ? 62.0 : 60.0).ToArray();
        var events = Run(midi, 47);
        Assert.Single(events, e => e.Event.Kind == NoteEventKind.NoteOn);
        Assert.Equal(60, events[0].Event.Pitch);
    }
}
