using Audio2Midi.Models;
using Audio2Midi.Notes;

namespace Audio2Midi.Tests.Notes;

/// <summary>
/// The f0 note decoder's frame starts and legato moves (a change of pitch no onset announced). A move is decided as soon
/// as the head has heard its confirmation, so at every step it comes within the head's look-ahead, and a glance at
/// another pitch shorter than the confirmation moves nothing; a frame start waits for its head's confirmation. A move
/// is no move where the note is being released, where the new pitch's start has an unvoiced gap (a consonant) or where
/// what was heard of it names the sounding note.
/// </summary>
public sealed class F0NoteDecoderTests
{
    private static readonly DecoderSettings Decoder = new() { OnsetThreshold = 0.8, FrameThreshold = 0.5, FrameOffThreshold = 0.4, FrameStartFrames = 6, ReleaseFrames = 4 };

    /// <summary>
    /// Feeds an f0 track (MIDI per 5 ms frame, NaN unvoiced) with a head that hears no onsets and calls each decided frame
    /// sounding where it is voiced; returns (frame the event left at, event).
    /// </summary>
    private static List<(long Frame, SegmentEvent Event)> Run(double[] midi, int lookAhead, DecoderSettings? decoderSettings = null, int onsetAt = -1, int pitchFrom = 0, Func<int, float>? frameProbability = null, int? moveFrames = null,
        int? moveNameFrames = null, int? moveSlowFrames = 0, bool wholeNote = false)
    {
        var decoder = new F0NoteDecoder(decoderSettings ?? Decoder, new NoteSettings(), lookAhead, wholeNote, pitchFrom, moveFrames, moveNameFrames: moveNameFrames,
            moveSlowFrames: moveSlowFrames);
        float[] head = new float[F0Heads.PerHead];
        var events = new List<(long, SegmentEvent)>();
        for (int n = 0; n < midi.Length; n++)
        {
            head[F0Heads.Frame] = n < lookAhead ? 0 : frameProbability?.Invoke(n - lookAhead) ?? (double.IsFinite(midi[n - lookAhead]) ? 1 : 0);
            head[F0Heads.Onset] = n - lookAhead == onsetAt ? 1 : 0;
            decoder.Step(midi[n], (n + 1L) * F0Heads.HopSamples + F0Heads.CentreOffsetSamples, 0, head);
            foreach (SegmentEvent e in decoder.Events) events.Add((n, e));
        }
        return events;
    }

    /// <summary>The frame an event is dated to (frame n ends at sample (n + 1) x hop + the centre offset; events sit at its centre).</summary>
    private static long FrameOf(SegmentEvent e) => (e.SourceSample - F0Heads.HopSamples) / F0Heads.HopSamples;

    [Theory]
    [InlineData(0, 6)]
    [InlineData(3, 6)]
    [InlineData(9, 6)]
    [InlineData(21, 6)]
    [InlineData(47, 6)]
    [InlineData(3, 3)]
    [InlineData(9, 4)]
    [InlineData(0, 6, 20)]
    [InlineData(9, 4, 20)]
    [InlineData(47, 6, 4)]
    public void ALegatoStepIsDecidedWithinTheLookAhead(int lookAhead, int frameStartFrames, int? moveFrames = null)
    {
        double[] midi = Enumerable.Range(0, 400).Select(n => n < 200 ? 60.0 : 62.0).ToArray();
        var events = Run(midi, lookAhead, Decoder with { FrameStartFrames = frameStartFrames }, moveFrames: moveFrames);
        var on = Assert.Single(events, e => e.Event.Kind == NoteEventKind.NoteOn && e.Event.Pitch == 62);
        long start = FrameOf(on.Event);
        Assert.InRange(start, 198, 201); // the rule's median window sees the step a frame or two early
        Assert.Contains(events, e => e.Event.Kind == NoteEventKind.NoteOff && e.Event.Pitch == 60 && FrameOf(e.Event) == start);
        // The confirmation is the manifest's for the head, or by default 6 frames at Instant, 8 for the short heads and 12 for the long ones, whatever a head's frame-start confirmation. Heard frames count, so the move leaves once the
        // head has heard them and the rule's window after them: from 16 frames of look-ahead on, at the look-ahead's own
        // delay. Counted one decided frame at a time it left 11 frames after that, past the step's budget.
        int needed = moveFrames ?? (lookAhead == 0 ? 6 : lookAhead < 20 ? 8 : 12);
        Assert.Equal(start + Math.Max(lookAhead, needed - 1 + Math.Min(lookAhead, 4)), on.Frame);
        if (lookAhead >= 16) Assert.Equal(start + lookAhead, on.Frame);
    }

    /// <summary>
    /// A note scooped into from two semitones below over its first 70 ms, announced by an onset: the 120 ms head names it
    /// by the f0 it heard past the attack (from 16 frames on): one note, right. From the onset on, the scoop's frames are
    /// most of its window: it names the semitone below and a legato move to 60 follows, two notes for one sung.
    /// </summary>
    [Theory]
    [InlineData(0, new[] { 59, 60 })]
    [InlineData(16, new[] { 60 })]
    public void ALongHeadNamesAScoopedNoteByTheF0PastItsAttack(int pitchFrom, int[] expected)
    {
        double[] midi = Enumerable.Range(0, 300).Select(n => n < 100 ? double.NaN : n < 114 ? 58 + 2 * (n - 100) / 14.0 : 60.0).ToArray();
        var ons = Run(midi, 21, onsetAt: 100, pitchFrom: pitchFrom).Where(e => e.Event.Kind == NoteEventKind.NoteOn).ToList();
        Assert.Equal(expected, ons.Select(e => e.Event.Pitch));
        Assert.Equal(100, FrameOf(ons[0].Event));
        Assert.Equal(121, ons[0].Frame); // decided with the onset's frame, at the head's look-ahead: the window costs no latency
    }

    /// <summary>
    /// The window's start is capped at the head's look-ahead: the 30 ms head (3 frames) with a start of 16 names the
    /// note by the latest frame it heard, one note. Uncapped, its window would be empty and it would fall back to the
    /// frames from the onset, which are the scoop's: a note on 58 and a move to 60.
    /// </summary>
    [Fact]
    public void APitchWindowStartBeyondTheLookAheadTakesTheLatestFrameHeard()
    {
        double[] midi = Enumerable.Range(0, 300).Select(n => n < 100 ? double.NaN : n < 103 ? 58.0 : 60.0).ToArray();
        static int[] Ons(List<(long, SegmentEvent Event)> events) => events.Where(e => e.Event.Kind == NoteEventKind.NoteOn).Select(e => e.Event.Pitch).ToArray();
        Assert.Equal([58, 60], Ons(Run(midi, 3, onsetAt: 100)));
        Assert.Equal([60], Ons(Run(midi, 3, onsetAt: 100, pitchFrom: 16)));
    }

    /// <summary>A note that stops sounding before its attack is over (55 ms) is named by the frames from its onset, not dropped.</summary>
    [Fact]
    public void ANoteShorterThanItsAttackIsNamedByTheFramesFromItsOnset()
    {
        double[] midi = Enumerable.Range(0, 300).Select(n => n is >= 100 and < 111 ? 64.0 : double.NaN).ToArray();
        var events = Run(midi, 21, onsetAt: 100, pitchFrom: 16);
        var on = Assert.Single(events, e => e.Event.Kind == NoteEventKind.NoteOn);
        Assert.Equal(64, on.Event.Pitch);
        Assert.Single(events, e => e.Event.Kind == NoteEventKind.NoteOff);
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

    /// <summary>
    /// 16 frames (80 ms) on 61 inside a note on 60: long enough to confirm a move, but the 250 ms head has heard the
    /// note go back to 60, and the median over what it heard of the "new" note is 60. No move: a move to the sounding
    /// pitch split the note in two (a 15-80 ms note too many on hust-solfege).
    /// </summary>
    [Fact]
    public void AMoveThatWouldNameTheSoundingPitchIsNone()
    {
        double[] midi = Enumerable.Range(0, 500).Select(n => n < 100 ? double.NaN : n is >= 250 and < 266 ? 61.0 : 60.0).ToArray();
        var ons = Run(midi, 47).Where(e => e.Event.Kind == NoteEventKind.NoteOn).ToList();
        Assert.Equal([60], ons.Select(e => e.Event.Pitch));
        // The 120 ms head hears less of what follows: to it the excursion is a note on 61, and then back to 60.
        Assert.Equal([60, 61, 60], Run(midi, 21).Where(e => e.Event.Kind == NoteEventKind.NoteOn).Select(e => e.Event.Pitch));
    }

    /// <summary>
    /// A neighbour note in a legato run: 60, then 62 for 110 ms (22 frames, longer than the 250 ms head's 16-frame
    /// confirmation), then 60 again. Everything the 250 ms head has heard from the move's start (47 frames) is more 60
    /// than 62, so named by all of it (<c>f0_move_name_frames</c> 0) the move names the sounding pitch and is none: one
    /// note. Named by its first 20, 30 or (the default for this head) 40 frames the move is to 62, and the return to 60
    /// another: three notes, as sung.
    /// </summary>
    [Theory]
    [InlineData(0, new[] { 60 })]
    [InlineData(20, new[] { 60, 62, 60 })]
    [InlineData(30, new[] { 60, 62, 60 })]
    [InlineData(null, new[] { 60, 62, 60 })]   // the default for a head of 200 ms or more: 40 frames
    public void ALongHeadNamesAMoveByItsFirstFramesWhereTheManifestSays(int? moveNameFrames, int[] expected)
    {
        double[] midi = Enumerable.Range(0, 500).Select(n => n < 100 ? double.NaN : n is >= 250 and < 272 ? 62.0 : 60.0).ToArray();
        var ons = Run(midi, 47, moveFrames: 16, moveNameFrames: moveNameFrames).Where(e => e.Event.Kind == NoteEventKind.NoteOn).ToList();
        Assert.Equal(expected, ons.Select(e => e.Event.Pitch));
        if (expected.Length == 3) Assert.Equal([100L, 248L, 270L], ons.Select(e => FrameOf(e.Event)));   // the move rule's 5-frame median hears each change 2 frames early
        // A glance at 62 shorter than the confirmation still moves nothing, whatever names a move.
        double[] glance = Enumerable.Range(0, 500).Select(n => n < 100 ? double.NaN : n is >= 250 and < 260 ? 62.0 : 60.0).ToArray();
        Assert.Equal([60], Run(glance, 47, moveFrames: 16, moveNameFrames: moveNameFrames).Where(e => e.Event.Kind == NoteEventKind.NoteOn).Select(e => e.Event.Pitch));
    }

    /// <summary>
    /// A move the f0 crept to against one it stepped to (<c>f0_move_slow_frames</c>): from 60 the f0 reaches 61 at frame
    /// 290, either gliding there over 200 ms (it crosses the move line, 0.8 st from the note's centre, at about frame 282,
    /// and 40 ms before that it was 0.6 st off the centre: crept) or stepping there at frame 282 (straight), holds 61 to
    /// frame 303, steps back to 60 and stops at frame 450. The move is counted for about 20 frames: with the 250 ms head's 16-frame
    /// confirmation both take it; with 30 frames for a crept move only the step does, and only live.
    /// </summary>
    [Theory]
    [InlineData(false, 0, new[] { 60, 61, 60 })]
    [InlineData(false, 30, new[] { 60 })]
    [InlineData(false, null, new[] { 60 })]   // the default for a head of 200 ms or more: 30 frames
    [InlineData(true, 0, new[] { 60, 61, 60 })]
    [InlineData(true, 30, new[] { 60, 61, 60 })]
    public void AMoveTheF0CreptToWaitsLongerWhereTheManifestSays(bool stepped, int? moveSlowFrames, int[] expected)
    {
        double[] midi = Enumerable.Range(0, 600).Select(n =>
            n < 100 || n >= 450 ? double.NaN
            : n < 250 || n >= 304 ? 60.0
            : n >= 290 ? 61.0
            : stepped ? (n >= 282 ? 61.0 : 60.0)
            : 60.0 + (n - 250) / 40.0).ToArray();
        var ons = Run(midi, 47, moveFrames: 16, moveSlowFrames: moveSlowFrames).Where(e => e.Event.Kind == NoteEventKind.NoteOn).ToList();
        Assert.Equal(expected, ons.Select(e => e.Event.Pitch));
        // Offline (whole-note mode) keeps every move: a refused one would leave two notes as one, named by both.
        Assert.Equal([60, 61, 60], Run(midi, 47, moveFrames: 16, moveSlowFrames: moveSlowFrames, wholeNote: true)
            .Where(e => e.Event.Kind == NoteEventKind.NoteOn).Select(e => e.Event.Pitch));
        // A crept move held as long as its longer confirmation is still taken.
        double[] held = midi.Select((m, n) => n is >= 290 and < 330 ? 61.0 : m).ToArray();
        Assert.Equal([60, 61, 60], Run(held, 47, moveFrames: 16, moveSlowFrames: 30).Where(e => e.Event.Kind == NoteEventKind.NoteOn).Select(e => e.Event.Pitch));
    }

    /// <summary>
    /// A move counted in a stream's first frames looks 40 ms back, before the first frame: nothing there is read (the
    /// history holds no frame before 0) and the move counts as straight. It threw IndexOutOfRange on the audio thread
    /// before F0History skipped frames before the first.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public void AMoveInTheFirstFramesOfAStreamLooksBackSafely(int moveSlowFrames)
    {
        // The Instant head starts a 60 at frame 0 (decided at frame 5) and counts a move to 62 from frame 6.
        double[] midi = Enumerable.Range(0, 300).Select(n => n < 6 ? 60.0 : 62.0).ToArray();
        var ons = Run(midi, 0, moveSlowFrames: moveSlowFrames).Where(e => e.Event.Kind == NoteEventKind.NoteOn).ToList();
        Assert.Equal([60, 62], ons.Select(e => e.Event.Pitch));
    }

    /// <summary>
    /// A syllable change: the frame probability dips (0.3, below the off threshold) from frame 196 to 205 while the f0
    /// glides on to the next note, 62, from 198; the onset head announces it at 206. The first note is released and the
    /// second starts at its onset: two notes. A move during the dip sent a third, a 62 of 10-20 ms before the announced one.
    /// </summary>
    [Theory]
    [InlineData(9)]
    [InlineData(21)]
    [InlineData(47)]
    public void NoMoveWhileTheNoteIsBeingReleased(int lookAhead)
    {
        double[] midi = Enumerable.Range(0, 400).Select(n => n < 100 ? double.NaN : n < 198 ? 60.0 : 62.0).ToArray();
        var events = Run(midi, lookAhead, onsetAt: 206, frameProbability: n => n < 100 ? 0 : n is >= 196 and < 206 ? 0.3f : 1);
        var ons = events.Where(e => e.Event.Kind == NoteEventKind.NoteOn).Select(e => (e.Event.Pitch, Frame: FrameOf(e.Event))).ToList();
        Assert.Equal([(60, 100L), (62, 206L)], ons);
        Assert.Equal(196, FrameOf(events.First(e => e.Event.Kind == NoteEventKind.NoteOff).Event));
    }

    /// <summary>
    /// The f0 glides on to 62 from frame 200 while the note still sounds, then breaks off for a consonant (215-224,
    /// unvoiced) before the next syllable's attack on 62 at 225. A head that hears the gap within the move's first 20
    /// frames (120 and 250 ms) leaves the change to the onset: two notes. One that cannot (60 ms) moves at the glide, and
    /// the onset then sends 62 again.
    /// </summary>
    [Theory]
    [InlineData(9, new[] { 60, 62, 62 })]
    [InlineData(21, new[] { 60, 62 })]
    [InlineData(47, new[] { 60, 62 })]
    public void AMoveNeedsTheNewPitchVoicedThroughItsStart(int lookAhead, int[] expected)
    {
        double[] midi = Enumerable.Range(0, 400).Select(n => n < 100 || n is >= 215 and < 225 ? double.NaN : n < 200 ? 60.0 : 62.0).ToArray();
        var ons = Run(midi, lookAhead, onsetAt: 225).Where(e => e.Event.Kind == NoteEventKind.NoteOn).ToList();
        Assert.Equal(expected, ons.Select(e => e.Event.Pitch));
        Assert.Equal(225, FrameOf(ons[^1].Event));
    }

    /// <summary>
    /// A note the onset head did not announce starts where its frame run began, decided once the frame probability has
    /// held for the head's frame-start confirmation: counted in decided frames, so each one past the first adds a frame
    /// after the head's look-ahead (what the per-head confirmation of the 30 and 60 ms heads shortens).
    /// </summary>
    [Theory]
    [InlineData(0, 6)]
    [InlineData(3, 3)]
    [InlineData(9, 4)]
    [InlineData(9, 6)]
    [InlineData(47, 6)]
    public void AFrameStartIsDecidedAfterItsConfirmation(int lookAhead, int frameStartFrames)
    {
        double[] midi = Enumerable.Range(0, 300).Select(n => n < 100 ? double.NaN : 60.0).ToArray();
        var events = Run(midi, lookAhead, Decoder with { FrameStartFrames = frameStartFrames });
        var on = Assert.Single(events, e => e.Event.Kind == NoteEventKind.NoteOn);
        Assert.Equal(60, on.Event.Pitch);
        Assert.Equal(100, FrameOf(on.Event));
        Assert.Equal(100 + frameStartFrames - 1 + lookAhead, on.Frame);
    }

    /// <summary>
    /// A singer drifting sharp within a long note (60.2 for 300 ms, then up by 0.75 st over a second) sings one note: the
    /// move rule measures from the note's running centre. Measured from the onset estimate (the rule before), the drift
    /// split it a semitone up at every head.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(21)]
    [InlineData(47)]
    public void ANoteThatDriftsSharpStaysOneNote(int lookAhead)
    {
        double[] midi = Enumerable.Range(0, 500).Select(n => n < 100 ? double.NaN : 60.2 + 0.75 * Math.Clamp((n - 160) / 200.0, 0, 1)).ToArray();
        var events = Run(midi, lookAhead);
        var on = Assert.Single(events, e => e.Event.Kind == NoteEventKind.NoteOn);
        Assert.Equal(60, on.Event.Pitch);
    }

    /// <summary>
    /// A legato semitone step still moves, at every head: sung in tune with vibrato (60 -> 61, +-0.15 st at 5.5 Hz) or
    /// plain from a first note 0.15 st sharp (60.15 -> 61). Its new note is dated at the step.
    /// </summary>
    [Theory]
    [InlineData(0, 60.0, 0.15)]
    [InlineData(3, 60.0, 0.15)]
    [InlineData(9, 60.0, 0.15)]
    [InlineData(21, 60.0, 0.15)]
    [InlineData(47, 60.0, 0.15)]
    [InlineData(0, 60.15, 0)]
    [InlineData(3, 60.15, 0)]
    [InlineData(9, 60.15, 0)]
    [InlineData(21, 60.15, 0)]
    [InlineData(47, 60.15, 0)]
    public void ALegatoSemitoneStepMoves(int lookAhead, double first, double vibrato)
    {
        double[] midi = Enumerable.Range(0, 600).Select(n => (n < 300 ? first : 61.0) + vibrato * Math.Sin(2 * Math.PI * 5.5 * n * 0.005)).ToArray();
        var events = Run(midi, lookAhead);
        var ons = events.Where(e => e.Event.Kind == NoteEventKind.NoteOn).Select(e => (e.Event.Pitch, Frame: FrameOf(e.Event))).ToList();
        Assert.Equal([60, 61], ons.Select(o => o.Pitch));
        Assert.InRange(ons[1].Frame, 296, 304);
    }

    /// <summary>
    /// The Instant head names a scooped attack (two semitones up to 62 over its first 20 ms) once the f0 has settled: one
    /// note, right, sent 6 frames after the onset. An attack that keeps gliding is named at the longest wait, 8 frames.
    /// Named at 2 frames, as before, the scoop's note was 61 and a legato move to 62 followed.
    /// </summary>
    [Fact]
    public void TheInstantHeadNamesAScoopWhereItSettles()
    {
        double[] scoop = Enumerable.Range(0, 300).Select(n => n < 100 ? double.NaN : n < 104 ? 60 + 2 * (n - 100) / 4.0 : 62.0).ToArray();
        var events = Run(scoop, 0, onsetAt: 100);
        var on = Assert.Single(events, e => e.Event.Kind == NoteEventKind.NoteOn);
        Assert.Equal(62, on.Event.Pitch);
        Assert.Equal(100, FrameOf(on.Event));
        Assert.Equal(106, on.Frame);

        double[] glide = Enumerable.Range(0, 300).Select(n => n < 100 ? double.NaN : 55 + 0.25 * Math.Min(n - 100, 40)).ToArray();
        var first = Run(glide, 0, onsetAt: 100).First(e => e.Event.Kind == NoteEventKind.NoteOn);
        Assert.Equal(100, FrameOf(first.Event));
        Assert.Equal(108, first.Frame);
    }

    /// <summary>
    /// An announced onset is dated where it was sung; the Instant head names its note two frames later (its delta has
    /// then heard the attack, 10 ms of Instant's latency), a head with look-ahead as soon as it decides the onset frame.
    /// </summary>
    [Theory]
    [InlineData(0, 2)]
    [InlineData(3, 3)]
    [InlineData(9, 9)]
    [InlineData(47, 47)]
    public void AnAnnouncedOnsetIsNamedAfterTheInstantHeadHasHeardItsAttack(int lookAhead, int sentAfter)
    {
        double[] midi = Enumerable.Range(0, 300).Select(n => n < 100 ? double.NaN : 60.0).ToArray();
        var events = Run(midi, lookAhead, onsetAt: 100);
        var on = Assert.Single(events, e => e.Event.Kind == NoteEventKind.NoteOn);
        Assert.Equal(60, on.Event.Pitch);
        Assert.Equal(100, FrameOf(on.Event));
        Assert.Equal(100 + sentAfter, on.Frame);
    }

    /// <summary>
    /// Whether a head adds its delta to a starting note's anchor: by default below 100 ms of look-ahead only; a manifest
    /// may say so for a long head (its delta refitted for starting notes).
    /// </summary>
    [Theory]
    [InlineData(3, null, 61)]
    [InlineData(47, null, 60)]
    [InlineData(47, true, 61)]
    [InlineData(21, true, 61)]
    [InlineData(3, false, 60)]
    public void AHeadReadsItsDeltaWhereTheManifestSays(int lookAhead, bool? readDelta, int expected)
    {
        var decoder = new F0NoteDecoder(Decoder, new NoteSettings(), lookAhead, wholeNote: false, readDelta: readDelta);
        float[] head = new float[F0Heads.PerHead];
        var pitches = new List<int>();
        for (int n = 0; n < 200; n++)
        {
            int t = n - lookAhead;
            head[F0Heads.Onset] = t == 20 ? 1 : 0;
            head[F0Heads.Frame] = t >= 20 ? 1 : 0;
            head[F0Heads.Delta] = 1.1f;   // the model hears the note heading a semitone above what was sung so far
            decoder.Step(n >= 20 ? 60.0 : double.NaN, (n + 1L) * F0Heads.HopSamples + F0Heads.CentreOffsetSamples, 0, head);
            pitches.AddRange(decoder.Events.ToArray().Where(e => e.Kind == NoteEventKind.NoteOn).Select(e => e.Pitch));
        }
        Assert.NotEmpty(pitches);
        Assert.Equal(expected, pitches[0]);   // the note as it starts (the f0 then stays at 60, so a note named 61 moves there)
        Assert.True(F0NoteDecoder.DefaultReadsDelta(9));
        Assert.False(F0NoteDecoder.DefaultReadsDelta(21));
    }

    /// <summary>
    /// A fast legato run at the 250 ms head: a 100 ms note on 60, then 62. The window that names the first note (235 ms
    /// from its onset) holds more of 62 than of 60; cut before the onset the fill-in head heard at the change
    /// (<c>f0_cut_at_fill_in</c>) it names the note by its own f0.
    /// </summary>
    [Fact]
    public void ACutWindowNamesAShortNoteOfARunByItsOwnF0()
    {
        const int lookAhead = 47, lag = 26;
        double[] midi = Enumerable.Range(0, 400).Select(n => n < 50 ? double.NaN : n < 70 ? 60.0 : 62.0).ToArray();
        List<int> NotesStarted(bool cut)
        {
            var decoder = new F0NoteDecoder(Decoder with { OnsetThreshold = 0.5 }, new NoteSettings(), lookAhead, wholeNote: false, fillInThreshold: 0.5, moveSlowFrames: 0,
                fillInLagFrames: lag, cutAtFillInOnset: cut);
            float[] head = new float[F0Heads.PerHead], partner = new float[F0Heads.PerHead];
            var started = new List<int>();
            for (int n = 0; n < midi.Length; n++)
            {
                int t = n - lookAhead;
                head[F0Heads.Frame] = t >= 0 && double.IsFinite(midi[t]) ? 1 : 0;
                head[F0Heads.Onset] = t == 50 ? 1 : 0;
                partner[F0Heads.Onset] = t is 50 or 70 ? 1 : 0;                    // the fill-in head's verdict on the frame decided
                float newest = t + lag is 50 or 70 ? 1f : 0f;                        // ... and on its newest frame, lag frames on
                decoder.Step(midi[n], (n + 1L) * F0Heads.HopSamples + F0Heads.CentreOffsetSamples, 0, head, t >= 0 ? partner : default, newest);
                foreach (SegmentEvent e in decoder.Events)
                    if (e.Kind == NoteEventKind.NoteOn) started.Add(e.Pitch);
            }
            return started;
        }
        Assert.Equal([60, 62], NotesStarted(cut: true));
        Assert.Equal(62, NotesStarted(cut: false)[0]);   // uncut, the window's median is the next note's
        Assert.Throws<ArgumentException>(() => new F0NoteDecoder(Decoder, new NoteSettings(), lookAhead, wholeNote: false, cutAtFillInOnset: true));   // no fill-in head to cut at
    }
}
