using Audio2Midi.Engine;
using Audio2Midi.Notes;
using Audio2Midi.Pitch;
using Audio2Midi.Placement;
using Audio2Midi.Tests.Engine;
using Audio2Midi.Tests.Signals;
using Audio2Midi.Transcription;

namespace Audio2Midi.Tests.Placement;

/// <summary>Note placement: where each event leaves for a Latency of D, what is struck out, order, overflow, release, reset.</summary>
public sealed class PlacedNoteEngineTests
{
    private const int Rate = 48000;
    private const int D = 2880; // 60 ms

    private static ScriptedEvent On(long decided, long source, int pitch = 60) => new(decided, NoteEventKind.NoteOn, pitch, source);

    private static ScriptedEvent Off(long decided, long source, int pitch = 60) => new(decided, NoteEventKind.NoteOff, pitch, source);

    private static List<NoteEvent> Run(PlacedNoteEngine engine, int samples, int block)
    {
        var recorder = new EventRecorder();
        var silence = new float[block];
        for (int done = 0; done < samples; done += block)
        {
            long start = engine.Position;
            int n = Math.Min(block, samples - done);
            int before = recorder.Count;
            engine.Process(silence.AsSpan(0, n), recorder);
            foreach (NoteEvent e in recorder.Events.Slice(before).ToArray())
            {
                Assert.InRange(e.SampleOffset, 0, Math.Max(0, n - 1));
                Assert.Equal(start + e.SampleOffset, e.HostPosition);
            }
        }
        return [.. recorder.Events.ToArray()];
    }

    [Fact]
    public void EventsLeaveAtTheirSungPositionPlusTheDelay()
    {
        var engine = new PlacedNoteEngine(new ScriptedEngine([On(1500, 1000), Off(30000, 29000)]), D);
        var events = Run(engine, 40000, 128);
        Assert.Equal([1000L + D, 29000L + D], events.Select(e => e.HostPosition));
        Assert.Equal(D, engine.LatencySamples);
    }

    [Fact]
    public void LateDecisionsLeaveAsSoonAsTheyAreDecided()
    {
        var engine = new PlacedNoteEngine(new ScriptedEngine([On(5000, 1000), Off(30000, 20000)]), D);
        Assert.Equal([5000L, 30000L], Run(engine, 40000, 256).Select(e => e.HostPosition));
    }

    [Fact]
    public void AnEventNeverLeavesBeforeOneDecidedEarlier()
    {
        // A pitch bend decided after the NoteOn but sung before it would leave first: it waits for the NoteOn.
        var engine = new PlacedNoteEngine(new ScriptedEngine([On(1200, 1000), new(1300, NoteEventKind.PitchBend, 60, 500, 77), Off(20000, 19000)]), D);
        var events = Run(engine, 30000, 100);
        Assert.Equal([(NoteEventKind.NoteOn, 1000L + D), (NoteEventKind.PitchBend, 1000L + D), (NoteEventKind.NoteOff, 19000L + D)],
            events.Select(e => (e.Kind, e.HostPosition)));
    }

    [Fact]
    public void ANoteReplacedBeforeItWasHeardIsStruckOut()
    {
        // The engine corrects a scoop: the first note ends at its own onset and the right one starts there.
        var engine = new PlacedNoteEngine(new ScriptedEngine([On(1200, 1000), Off(2000, 1000), On(2000, 1000, 62), Off(20000, 19000, 62)]), D);
        var events = Run(engine, 30000, 100);
        Assert.Equal([(NoteEventKind.NoteOn, 62, 1000L + D), (NoteEventKind.NoteOff, 62, 19000L + D)], events.Select(e => (e.Kind, e.Pitch, e.HostPosition)));
        Assert.Equal(1, engine.DroppedNotes);
    }

    [Fact]
    public void AnUnheardNoteShorterThanTheMinimumIsStruckOut()
    {
        // 40 ms minimum = 1920 samples; this note lasts 1000.
        var engine = new PlacedNoteEngine(new ScriptedEngine([On(1500, 1000), Off(2500, 2000), On(4000, 3000, 64), Off(9000, 8000, 64)]), D);
        var events = Run(engine, 20000, 128);
        Assert.Equal([(NoteEventKind.NoteOn, 64), (NoteEventKind.NoteOff, 64)], events.Select(e => (e.Kind, e.Pitch)));
        Assert.Equal(1, engine.DroppedNotes);
    }

    [Fact]
    public void AHeardNoteIsNeverStruckOut()
    {
        // Instant: the NoteOn left when it was decided, before the NoteOff came.
        var instant = new PlacedNoteEngine(new ScriptedEngine([On(1500, 1000), Off(2500, 2000)]), 0);
        Assert.Equal([1500L, 2500L], Run(instant, 5000, 4096).Select(e => e.HostPosition));
        // With a budget, a short note whose NoteOn left already (decided late) stays too.
        var late = new PlacedNoteEngine(new ScriptedEngine([On(5000, 1000), Off(5500, 2000)]), D);
        Assert.Equal([5000L, 5500L], Run(late, 8000, 64).Select(e => e.HostPosition));
        Assert.Equal(0, late.DroppedNotes);
    }

    [Fact]
    public void PlacementDoesNotDependOnTheBlocks()
    {
        var script = new List<ScriptedEvent>();
        var random = new Random(4);
        long t = 1000;
        for (int i = 0; i < 60; i++)
        {
            long source = t;
            long on = source + random.Next(100, 4000);
            long off = on + random.Next(200, 6000);
            script.Add(On(on, source, 60 + i % 12));
            script.Add(Off(off, off - random.Next(0, 3000), 60 + i % 12));
            t = off + random.Next(0, 2000);
        }
        List<NoteEvent> reference = Run(new PlacedNoteEngine(new ScriptedEngine(script), D), (int)t + 10000, 128);
        Assert.True(reference.Count > 60);
        foreach (int block in new[] { 1, 17, 1000, 8192 })
            Assert.Equal(reference.Select(e => (e.Kind, e.Pitch, e.HostPosition)),
                Run(new PlacedNoteEngine(new ScriptedEngine(script), D), (int)t + 10000, block).Select(e => (e.Kind, e.Pitch, e.HostPosition)));
    }

    [Fact]
    public void WhenTheQueueIsFullTheOldestLeavesEarlyAndNothingIsLost()
    {
        // A NoteOn then 20 pitch bends decided together, all for the future; room for 4.
        var script = new List<ScriptedEvent> { On(100, 100) };
        for (int i = 0; i < 20; i++) script.Add(new ScriptedEvent(100 + i, NoteEventKind.PitchBend, 60, 100 + i, i));
        script.Add(Off(30000, 29000));
        var engine = new PlacedNoteEngine(new ScriptedEngine(script), D, queueCapacity: 4);
        var events = Run(engine, 40000, 512);
        Assert.Equal(22, events.Count);
        Assert.Equal(NoteEventKind.NoteOn, events[0].Kind);
        Assert.Equal(NoteEventKind.NoteOff, events[^1].Kind);
        Assert.Equal(Enumerable.Range(0, 20), events.Where(e => e.Kind == NoteEventKind.PitchBend).Select(e => e.BendValue));
        Assert.Equal(17, engine.EarlyEvents); // 21 events into room for 4
        var positions = events.Select(e => e.HostPosition).ToList();
        Assert.Equal(positions.Order(), positions); // early, but in order
        Assert.Equal(29000L + D, events[^1].HostPosition);
    }

    [Fact]
    public void ReleaseStrikesUnheardNotesAndEndsTheSoundingOneNow()
    {
        // 60 sounds (left at 1000 + D); 62 was decided but waits; release comes at 12000.
        var engine = new PlacedNoteEngine(new ScriptedEngine([On(1500, 1000), Off(10000, 9000), On(10000, 9000, 62)]), 8000);
        var recorder = new EventRecorder();
        engine.Process(new float[12000], recorder);
        Assert.Equal([(NoteEventKind.NoteOn, 60, 9000L)], recorder.Events.ToArray().Select(e => (e.Kind, e.Pitch, e.HostPosition)));
        engine.Release(recorder);
        // 60's NoteOff leaves now, at offset 0 of whatever comes next; 62 is struck out with the NoteOff the release gave it.
        Assert.Equal([(NoteEventKind.NoteOn, 60, 9000L), (NoteEventKind.NoteOff, 60, 12000L)], recorder.Events.ToArray().Select(e => (e.Kind, e.Pitch, e.HostPosition)));
        Assert.Equal(0, recorder.Events[^1].SampleOffset);
        Assert.Equal(0, engine.Waiting);
        engine.Process(new float[20000], recorder);
        Assert.Equal(2, recorder.Count);
    }

    [Fact]
    public void ResetForgetsWhatWaits()
    {
        var engine = new PlacedNoteEngine(new ScriptedEngine([On(1500, 1000), Off(4000, 3500)]), 8000);
        var recorder = new EventRecorder();
        engine.Process(new float[5000], recorder);
        Assert.Equal(0, recorder.Count);
        Assert.True(engine.Waiting > 0);
        engine.Reset();
        Assert.Equal(0, engine.Waiting);
        Assert.Equal(0, engine.Position);
        engine.Process(new float[20000], recorder); // the script runs again from its start: one note, at its positions
        Assert.Equal([9000L, 11500L], recorder.Events.ToArray().Select(e => e.HostPosition));
    }

    [Fact]
    public void ProcessAllocatesNothing()
    {
        var engine = LiveEngine.CreatePyin(Rate, new NoteSettings(), 120);
        float[] audio = TestSignals.Sing(TestSignals.Phrase(0.1, 0.25, 60, 62, 64, 65, 67, 65, 64, 62), 2.5, Rate);
        var sink = new CountingSink();
        for (int i = 0; i + 128 <= audio.Length; i += 128) engine.Process(audio.AsSpan(i, 128), sink);
        engine.Reset();
        long allocated = AllocationProbe.LeastPerPass(() =>
        {
            for (int i = 0; i + 128 <= audio.Length; i += 128) engine.Process(audio.AsSpan(i, 128), sink);
            engine.Release(sink);
        });
        Assert.Equal(0, allocated);
        Assert.True(sink.Count > 10);
    }

    /// <summary>
    /// Offline runs the longest step's engine and takes its notes where they were sung; when every decision falls
    /// within that step, the live output shifted back by it (as recorded) is exactly the offline transcription.
    /// </summary>
    [Fact]
    public void WithEnoughBudgetLiveAsRecordedEqualsOffline()
    {
        float[] audio = TestSignals.Sing(TestSignals.Phrase(0.2, 0.3, 57, 60, 64, 62, 60, 59, 57), 2.6, Rate);
        PlacedNoteEngine engine = LiveEngine.CreatePyin(Rate, new NoteSettings(), LatencySteps.MaxMs);
        int delay = engine.DelaySamples;
        var recorder = EngineHarness.Run(engine, audio, 128, tailSeconds: 1.5);
        var live = new NoteCollector(Rate, useSourceTime: false, delay / (double)Rate);
        foreach (NoteEvent e in recorder.Events) live.OnEvent(e);

        var expected = FileTranscriber.Transcribe(audio, Rate, new TranscriptionOptions { Live = false });
        var actual = live.Notes.OrderBy(n => n.OnsetSeconds).ToList();
        Assert.True(expected.Notes.Count >= 6, $"{expected.Notes.Count} offline notes");
        Assert.Equal(expected.Notes.Select(n => (n.Pitch, Math.Round(n.OnsetSeconds, 6), Math.Round(n.OffsetSeconds, 6))),
            actual.Select(n => (n.Pitch, Math.Round(n.OnsetSeconds, 6), Math.Round(n.OffsetSeconds, 6))));
    }

    private sealed class CountingSink : INoteEventSink
    {
        public int Count;
        public void OnEvent(in NoteEvent e) => Count++;
    }
}
