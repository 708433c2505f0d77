namespace Audio2Midi.Notes;

/// <summary>
/// Where a shorter head's onset rose through its threshold on the frames it has decided ahead of the deciding head
/// (its latest verdict is <c>lag</c> frames past the frame the deciding head decides). A long head names a starting
/// note, or a legato move, by the f0 of a window that in a fast legato run reaches into the next notes; the shorter
/// head has already heard where the next one starts.
/// </summary>
/// <remarks>Real time: the ring is allocated in the constructor; nothing here allocates.</remarks>
public sealed class OnsetsAhead
{
    private const int Capacity = 256;   // frames remembered (1.28 s): past any naming window's start

    private readonly OnsetRise _partner;
    private readonly bool[] _rise = new bool[Capacity];
    private long _newest;

    /// <param name="threshold">The shorter head's own onset threshold.</param>
    public OnsetsAhead(double threshold)
    {
        _partner = new OnsetRise(threshold);
        Reset();
    }

    public void Reset()
    {
        Array.Clear(_rise);
        _partner.Reset();
        _newest = -1;
    }

    /// <summary>The shorter head's onset probability for <paramref name="frame"/> (frames come in order; negative ones are ignored).</summary>
    public void Push(long frame, float onset)
    {
        if (frame < 0) return;
        _rise[frame % Capacity] = _partner.Step(onset);
        _newest = frame;
    }

    /// <summary>The first frame in <paramref name="from"/>..<paramref name="to"/> where the onset rose, among the frames heard; -1 if none.</summary>
    public long FirstRise(long from, long to)
    {
        for (long u = Math.Max(Math.Max(from, 0), _newest - Capacity + 1); u <= Math.Min(to, _newest); u++)
            if (_rise[u % Capacity]) return u;
        return -1;
    }
}
