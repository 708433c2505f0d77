using Audio2Midi.Engine;

namespace Audio2Midi.Benchmarks;

/// <summary>Counts events, so the benchmarked loop has a result and a sink that costs nothing.</summary>
public sealed class CountingSink : INoteEventSink
{
    public int Count;

    public void OnEvent(in NoteEvent e) => Count++;
}
