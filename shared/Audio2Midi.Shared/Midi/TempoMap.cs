namespace Audio2Midi.Midi;

/// <summary>
/// Converts absolute ticks to seconds and back through a list of tempo changes.
/// Conversions always start from an absolute position (never from summed, rounded deltas),
/// so errors cannot accumulate over a long file (DESIGN.md section 7).
/// </summary>
public sealed class TempoMap
{
    /// <summary>The SMF default when a file has no tempo event: 120 BPM.</summary>
    public const int DefaultMicrosecondsPerQuarter = 500_000;

    private readonly (long Tick, int MicrosecondsPerQuarter)[] _changes;

    // Seconds at which each change starts, so a lookup is one binary search plus one multiply.
    private readonly double[] _startSeconds;

    public TempoMap(int ppq, IEnumerable<(long Tick, int MicrosecondsPerQuarter)> changes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ppq);
        ArgumentNullException.ThrowIfNull(changes);
        Ppq = ppq;

        var list = new List<(long Tick, int MicrosecondsPerQuarter)>();
        foreach (var change in changes)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(change.Tick, nameof(changes));
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(change.MicrosecondsPerQuarter, nameof(changes));
            list.Add(change);
        }

        // Stable sort: of several changes at one tick the last one given wins, as when playing the file.
        var sorted = list.Select((c, i) => (c, i)).OrderBy(x => x.c.Tick).ThenBy(x => x.i).Select(x => x.c);
        var merged = new List<(long Tick, int MicrosecondsPerQuarter)>();
        foreach (var change in sorted)
        {
            if (merged.Count > 0 && merged[^1].Tick == change.Tick)
                merged[^1] = change;
            else
                merged.Add(change);
        }
        if (merged.Count == 0 || merged[0].Tick != 0)
            merged.Insert(0, (0, DefaultMicrosecondsPerQuarter));

        _changes = [.. merged];
        Changes = Array.AsReadOnly(_changes); // callers must not be able to cast back and edit the map
        _startSeconds = new double[_changes.Length];
        for (int i = 1; i < _changes.Length; i++)
            _startSeconds[i] = _startSeconds[i - 1] + SecondsPerTick(i - 1) * (_changes[i].Tick - _changes[i - 1].Tick);
    }

    /// <summary>A map with one tempo; <paramref name="bpm"/> is rounded to whole microseconds per quarter, as a file stores it.</summary>
    public static TempoMap Constant(int ppq, double bpm)
    {
        if (!double.IsFinite(bpm) || bpm <= 0)
            throw new ArgumentOutOfRangeException(nameof(bpm), bpm, "BPM must be a positive finite number.");
        double micros = Math.Round(60_000_000.0 / bpm);
        if (micros < 1 || micros > 0xFFFFFF)
            throw new ArgumentOutOfRangeException(nameof(bpm), bpm, "BPM is outside what a MIDI tempo event can store (about 3.6 to 60000000).");
        return new TempoMap(ppq, [(0, (int)micros)]);
    }

    public int Ppq { get; }

    /// <summary>Sorted by tick, one per tick, always starting at tick 0.</summary>
    public IReadOnlyList<(long Tick, int MicrosecondsPerQuarter)> Changes { get; }

    public double TicksToSeconds(long tick)
    {
        int i = SegmentForTick(tick);
        return _startSeconds[i] + (tick - _changes[i].Tick) * SecondsPerTick(i);
    }

    /// <summary>Nearest tick to <paramref name="seconds"/>; <c>SecondsToTicks(TicksToSeconds(t)) == t</c>.</summary>
    public long SecondsToTicks(double seconds)
    {
        if (!double.IsFinite(seconds))
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "Time must be finite.");
        int i = SegmentForSeconds(seconds);
        double ticks = _changes[i].Tick + (seconds - _startSeconds[i]) / SecondsPerTick(i);
        return (long)Math.Round(ticks, MidpointRounding.AwayFromZero);
    }

    private double SecondsPerTick(int segment) => _changes[segment].MicrosecondsPerQuarter / (1e6 * Ppq);

    // Last change at or before the tick; ticks before 0 extrapolate the first tempo.
    private int SegmentForTick(long tick)
    {
        int lo = 0, hi = _changes.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_changes[mid].Tick <= tick) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    private int SegmentForSeconds(double seconds)
    {
        int lo = 0, hi = _startSeconds.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_startSeconds[mid] <= seconds) lo = mid; else hi = mid - 1;
        }
        return lo;
    }
}
