using Audio2Midi.Engine;

namespace Audio2Midi.Placement;

/// <summary>
/// Events waiting for their output position: a bounded FIFO ring, allocation-free after construction,
/// safe for the audio thread. Targets never decrease along the queue (an event is never sent before
/// one decided earlier), so the head is always the next event due. An event can be struck out while
/// it waits (<see cref="Drop"/>): it is then skipped, never sent. Each event gets a sequence number
/// at <see cref="Enqueue"/> by which it can be found again while it waits.
/// </summary>
public sealed class NoteEventQueue
{
    private readonly NoteEvent[] _events;
    private readonly long[] _targets;
    private readonly bool[] _dropped;
    private long _head;   // sequence number of the oldest entry still held
    private long _tail;   // sequence number the next entry gets
    private long _lastTarget = long.MinValue;

    public NoteEventQueue(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at least 1");
        _events = new NoteEvent[capacity];
        _targets = new long[capacity];
        _dropped = new bool[capacity];
    }

    public int Capacity => _events.Length;

    /// <summary>Entries held, struck-out ones included (they still take a slot until they reach the head).</summary>
    public int Count => (int)(_tail - _head);

    public bool IsFull => Count == Capacity;

    public bool IsEmpty => _head == _tail;

    /// <summary>
    /// Adds <paramref name="e"/> to leave at <paramref name="target"/>, raised to the last target if that is
    /// later (order is kept). Returns its sequence number. The caller makes room first: a full queue throws.
    /// </summary>
    public long Enqueue(in NoteEvent e, long target)
    {
        if (IsFull) throw new InvalidOperationException("the event queue is full: dequeue before adding");
        target = Math.Max(target, _lastTarget);
        _lastTarget = target;
        int slot = Slot(_tail);
        _events[slot] = e;
        _targets[slot] = target;
        _dropped[slot] = false;
        return _tail++;
    }

    /// <summary>Sequence number of the oldest entry held.</summary>
    public long Head => _head;

    /// <summary>Sequence number the next entry will get.</summary>
    public long Tail => _tail;

    /// <summary>The event of a held entry (call only for <see cref="Head"/> &lt;= sequence &lt; <see cref="Tail"/>).</summary>
    public NoteEvent EventAt(long sequence) => _events[Slot(sequence)];

    /// <summary>True while the entry with sequence number <paramref name="sequence"/> is still held and not struck out.</summary>
    public bool IsWaiting(long sequence) => sequence >= _head && sequence < _tail && !_dropped[Slot(sequence)];

    /// <summary>Where a waiting entry will leave (call only while <see cref="IsWaiting"/>).</summary>
    public long TargetOf(long sequence) => _targets[Slot(sequence)];

    /// <summary>Strikes out a waiting entry: it will never be returned. False if it has already left.</summary>
    public bool Drop(long sequence)
    {
        if (!IsWaiting(sequence)) return false;
        _dropped[Slot(sequence)] = true;
        return true;
    }

    /// <summary>The next live entry, skipping struck-out ones; false when none is held.</summary>
    public bool TryPeek(out NoteEvent e, out long target)
    {
        SkipDropped();
        if (IsEmpty)
        {
            e = default;
            target = 0;
            return false;
        }
        int slot = Slot(_head);
        e = _events[slot];
        target = _targets[slot];
        return true;
    }

    /// <summary>Removes the entry <see cref="TryPeek"/> returned.</summary>
    public void Dequeue()
    {
        SkipDropped();
        if (!IsEmpty) _head++;
    }

    /// <summary>Forgets every entry; targets start afresh.</summary>
    public void Clear()
    {
        _head = _tail = 0;
        _lastTarget = long.MinValue;
    }

    private void SkipDropped()
    {
        while (!IsEmpty && _dropped[Slot(_head)]) _head++;
    }

    private int Slot(long sequence) => (int)(sequence % _events.Length);
}
