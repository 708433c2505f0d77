using Audio2Midi.Engine;

namespace Audio2Midi.Tests.Engine;

/// <summary>A sink that keeps every event in a preallocated array (no allocation while recording).</summary>
public sealed class EventRecorder(int capacity = 100_000) : INoteEventSink
{
    private readonly NoteEvent[] _events = new NoteEvent[capacity];

    public int Count { get; private set; }

    public ReadOnlySpan<NoteEvent> Events => new(_events, 0, Count);

    public void OnEvent(in NoteEvent e)
    {
        if (Count < _events.Length) _events[Count++] = e;
    }

    public void Clear() => Count = 0;
}
