using Audio2Midi.Models;
using Audio2Midi.Notes;

namespace Audio2Midi.Tests.Notes;

/// <summary>
/// The 250 ms head's decoder with the 120 ms head's onsets beside it (<see cref="OnsetFillIn"/>): a re-articulated note
/// on the same pitch (no gap, no change of pitch: only an onset can split it) that only the shorter head heard is split
/// where the shorter head rose, within the step's budget plus the fill-in's window; one both heard is split once, where
/// the deciding head rose.
/// </summary>
public sealed class F0NoteDecoderFillInTests
{
    private const int LookAhead = 47;
    private static readonly DecoderSettings Decoder = new() { OnsetThreshold = 0.5, FrameThreshold = 0.5, FrameOffThreshold = 0.4, FrameStartFrames = 6, ReleaseFrames = 4 };

    /// <summary>
    /// 60 sung from frame 50 to 300; the deciding head's onset at 50 and at <paramref name="ownOnsets"/>, the shorter
    /// head's at 50 and <paramref name="partnerOnsets"/> (each 6 frames of 0.9). Returns (frame the event left at, event).
    /// </summary>
    private static List<(long Frame, SegmentEvent Event)> Run(int[] ownOnsets, int[] partnerOnsets, bool fillIn = true)
    {
        var decoder = new F0NoteDecoder(Decoder, new NoteSettings(), LookAhead, wholeNote: false, fillInThreshold: fillIn ? 0.5 : null);
        float[] head = new float[F0Heads.PerHead], partner = new float[F0Heads.PerHead];
        static bool Near(int t, int[] onsets) => t == 50 || onsets.Any(o => t >= o && t < o + 6);
        var events = new List<(long, SegmentEvent)>();
        for (int n = 0; n < 400; n++)
        {
            int t = n - LookAhead;   // the frame decided
            bool voiced = t is >= 50 and < 300;
            head[F0Heads.Frame] = partner[F0Heads.Frame] = voiced ? 0.9f : 0;
            head[F0Heads.Onset] = Near(t, ownOnsets) ? 0.9f : 0.1f;
            partner[F0Heads.Onset] = Near(t, partnerOnsets) ? 0.9f : 0.1f;
            decoder.Step(n is >= 50 and < 300 ? 60 : double.NaN, (n + 1L) * F0Heads.HopSamples + F0Heads.CentreOffsetSamples, 0, head, t >= 0 ? partner : default);
            foreach (SegmentEvent e in decoder.Events) events.Add((n, e));
        }
        return events;
    }

    private static long FrameOf(SegmentEvent e) => (e.SourceSample - F0Heads.HopSamples) / F0Heads.HopSamples;

    private static List<long> Starts(List<(long Frame, SegmentEvent Event)> events) =>
        events.Where(e => e.Event.Kind == NoteEventKind.NoteOn).Select(e => FrameOf(e.Event)).ToList();

    [Fact]
    public void AnOnsetOnlyTheShorterHeadHeardSplitsTheNoteWhereItRose()
    {
        var events = Run(ownOnsets: [], partnerOnsets: [150]);
        Assert.Equal([50, 150], Starts(events));
        var second = events.Single(e => e.Event.Kind == NoteEventKind.NoteOn && FrameOf(e.Event) == 150);
        Assert.Equal(150 + OnsetFillIn.WindowFrames + LookAhead, second.Frame);   // decided the window's frames past the step's budget
        Assert.Contains(events, e => e.Event.Kind == NoteEventKind.NoteOff && FrameOf(e.Event) == 150);
        Assert.Equal(60, second.Event.Pitch);
        Assert.Equal([50], Starts(Run(ownOnsets: [], partnerOnsets: [150], fillIn: false)));   // without it the deciding head never splits it
    }

    [Theory]
    [InlineData(147)]
    [InlineData(150)]
    [InlineData(154)]
    public void AnOnsetBothHeadsHeardSplitsItOnceWhereTheDecidingHeadRose(int own) =>
        Assert.Equal([50, own], Starts(Run(ownOnsets: [own], partnerOnsets: [150])));

    [Fact]
    public void AFilledInOnsetAndAnOnsetCloseAfterItAreOneAttack()
    {
        // The deciding head rises 6 frames after the shorter one (outside the window): the fill-in is decided first, and
        // the own rise then falls within the retrigger span (10 frames) of the note it started.
        Assert.Equal([50, 150], Starts(Run(ownOnsets: [156], partnerOnsets: [150])));
        // A fill-in within the retrigger span of the sounding note's start is that note's attack.
        Assert.Equal([50], Starts(Run(ownOnsets: [], partnerOnsets: [55])));
    }
}
