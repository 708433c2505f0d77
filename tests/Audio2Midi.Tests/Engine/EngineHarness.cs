using Audio2Midi.Engine;
using Audio2Midi.Midi;
using Audio2Midi.Notes;
using Audio2Midi.Pitch;
using Audio2Midi.Transcription;

namespace Audio2Midi.Tests.Engine;

/// <summary>Runs audio through a live engine in fixed blocks, as a host would.</summary>
public static class EngineHarness
{
    public static EventRecorder Run(INoteEngine engine, ReadOnlySpan<float> audio, int block, double tailSeconds = 0.3)
    {
        var recorder = new EventRecorder();
        for (int i = 0; i < audio.Length; i += block)
            engine.Process(audio.Slice(i, Math.Min(block, audio.Length - i)), recorder);
        var silence = new float[block];
        int tail = (int)(tailSeconds * engine.HostSampleRate);
        for (int i = 0; i < tail; i += block) engine.Process(silence, recorder);
        engine.Release(recorder);
        return recorder;
    }

    /// <summary>
    /// Runs the first half of <paramref name="audio"/> through the engine in blocks of <paramref name="block"/> (warm-up),
    /// then the second half three times, and returns the least the calling thread allocated in one of those passes
    /// (<see cref="AllocationProbe"/>).
    /// </summary>
    public static long AllocatedAfterWarmUp(INoteEngine engine, float[] audio, int block, INoteEventSink sink)
    {
        for (int i = 0; i + block <= audio.Length / 2; i += block) engine.Process(audio.AsSpan(i, block), sink);
        return AllocationProbe.LeastPerPass(() =>
        {
            for (int i = audio.Length / 2; i + block <= audio.Length; i += block) engine.Process(audio.AsSpan(i, block), sink);
        });
    }

    /// <summary>Live notes (onset = where the NoteOn was emitted) of a mono signal.</summary>
    public static IReadOnlyList<MidiNote> LiveNotes(float[] audio, int rate, NoteSettings? settings = null, PyinSettings? pyin = null, int block = 128, DecisionTimings? timings = null)
    {
        var engine = new PyinNoteEngine(rate, pyin, settings, timings: timings);
        var recorder = Run(engine, audio, block);
        var collector = new NoteCollector(rate, useSourceTime: false);
        foreach (var e in recorder.Events) collector.OnEvent(e);
        return collector.Notes.OrderBy(n => n.OnsetSeconds).ToList();
    }
}
