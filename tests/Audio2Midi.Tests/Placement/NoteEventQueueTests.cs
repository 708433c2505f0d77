using Audio2Midi.Engine;
using Audio2Midi.Notes;
using Audio2Midi.Placement;

namespace Audio2Midi.Tests.Placement;

public sealed class NoteEventQueueTests
{
    private static NoteEvent On(int pitch) => new(NoteEventKind.NoteOn, 0, 0, 0, pitch, 100, 0, 0);

    [Fact]
    public void EventsLeaveInOrderAndTargetsNeverDecrease()
    {
        var q = new NoteEventQueue(8);
        q.Enqueue(On(60), 500);
        q.Enqueue(On(61), 300); // decided later, wants to leave earlier: raised to 500
        q.Enqueue(On(62), 900);
        var seen = new List<(int, long)>();
        while (q.TryPeek(out NoteEvent e, out long t)) { seen.Add((e.Pitch, t)); q.Dequeue(); }
        Assert.Equal([(60, 500L), (61, 500L), (62, 900L)], seen);
        Assert.True(q.IsEmpty);
    }

    [Fact]
    public void DroppedEntriesAreSkippedAndFreeTheirSlot()
    {
        var q = new NoteEventQueue(3);
        long a = q.Enqueue(On(60), 10);
        long b = q.Enqueue(On(61), 20);
        q.Enqueue(On(62), 30);
        Assert.True(q.IsFull);
        Assert.True(q.Drop(a));
        Assert.False(q.Drop(a));
        Assert.False(q.IsWaiting(a));
        Assert.True(q.IsWaiting(b));
        Assert.Equal(20, q.TargetOf(b));
        Assert.True(q.TryPeek(out NoteEvent first, out _));
        Assert.Equal(61, first.Pitch);
        q.Dequeue();
        Assert.False(q.IsWaiting(b)); // gone: it cannot be struck out any more
        Assert.False(q.Drop(b));
        Assert.Equal(1, q.Count);
    }

    [Fact]
    public void AFullQueueRefusesAndClearStartsAfresh()
    {
        var q = new NoteEventQueue(2);
        q.Enqueue(On(60), 100);
        q.Enqueue(On(61), 200);
        Assert.Throws<InvalidOperationException>(() => q.Enqueue(On(62), 300));
        q.Clear();
        Assert.True(q.IsEmpty);
        q.Enqueue(On(63), 5); // targets start afresh: not raised to the old 200
        Assert.True(q.TryPeek(out _, out long t));
        Assert.Equal(5, t);
    }

    [Fact]
    public void WrapsAroundTheRingManyTimes()
    {
        var q = new NoteEventQueue(5);
        long target = 0;
        for (int i = 0; i < 1000; i++)
        {
            q.Enqueue(On(i % 128), target += 3);
            if (i % 3 == 2) q.Drop(q.Tail - 2);
            if (q.Count >= 4) while (!q.IsEmpty) q.Dequeue();
        }
        Assert.True(q.Count < 5);
    }

    [Fact]
    public void AQueueNeedsRoom() => Assert.Throws<ArgumentOutOfRangeException>(() => new NoteEventQueue(0));
}
