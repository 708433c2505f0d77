using Audio2Midi.Engine;
using Audio2Midi.Notes;

namespace Audio2Midi.Placement;

/// <summary>
/// Note placement, the last stage of every engine: each event leaves at its sung position plus a fixed
/// delay D (the plugin's Latency step) when that is not yet past, otherwise as soon as possible, and
/// never before an event decided earlier. While a note waits it can still be undone: a NoteOff that
/// arrives before its NoteOn has left, for a note shorter than the minimum (or of no length at all: a
/// scoop the engine corrected), strikes both out. A host that compensates the reported latency D
/// records every event at its output position minus D, which is where it was sung whenever the engine
/// decided it within D.
/// <para>
/// Placement depends only on the sample stream (decision and sung positions), never on how it is cut
/// into blocks. Allocation-free after construction (DESIGN.md section 4).
/// </para>
/// <para>
/// Overflow: waiting events are bounded by <see cref="QueueCapacity"/>. When an event arrives and the
/// queue is full of events still in the future, the oldest leaves at once (early, order kept) and
/// <see cref="EarlyEvents"/> counts it; nothing is lost, so every NoteOn still gets its NoteOff.
/// </para>
/// </summary>
public sealed class PlacedNoteEngine : INoteEngine
{
    public const int QueueCapacity = 512;

    /// <summary>
    /// Only a note that sounded shorter than this is merged into the note that replaced it (longer ones
    /// are melody). On hust-solfege at a 250 ms budget, 60 / 100 / 150 ms gave COnP F1 0.509 / 0.514 / 0.515.
    /// </summary>
    public const double MergeMaxMs = 100;

    private readonly INoteEngine _inner;
    private readonly NoteEventQueue _queue;
    private readonly Intake _intake;
    private readonly long[] _waitingOn = new long[16 * 128];        // sequence of the NoteOn still waiting, per channel and pitch
    private readonly long[] _waitingOnSource = new long[16 * 128];
    private readonly bool[] _struck = new bool[16 * 128];
    private readonly bool _mergeReplacements;
    private long _replacedOn = -1, _replacedOff = -1, _replacedSource, _replacedAt = long.MinValue;
    private INoteEventSink? _output;
    private long _blockStart;
    private bool _releasing;

    /// <param name="inner">The engine that decides the notes.</param>
    /// <param name="delaySamples">D in host samples: 0 sends events as soon as they are decided.</param>
    /// <param name="queueCapacity">Most events that may wait at once.</param>
    /// <param name="mergeReplacements">
    /// A note the engine replaces by another (a legato change or a correction, decided in one frame) before
    /// it has been heard is struck out, and its successor starts where it was sung: what was heard as one
    /// note coming in (a scoop, a glide's first semitone) becomes that one note.
    /// </param>
    public PlacedNoteEngine(INoteEngine inner, int delaySamples, int queueCapacity = QueueCapacity, bool mergeReplacements = true)
    {
        _mergeReplacements = mergeReplacements;
        if (delaySamples < 0) throw new ArgumentOutOfRangeException(nameof(delaySamples), delaySamples, "delay must not be negative");
        _inner = inner;
        DelaySamples = delaySamples;
        _queue = new NoteEventQueue(queueCapacity);
        _intake = new Intake(this);
        Array.Fill(_waitingOn, -1L);
    }

    /// <summary>D: how far after its sung position an event leaves, in host samples.</summary>
    public int DelaySamples { get; }

    /// <summary>What the host must compensate: D. Instant (D = 0) delays nothing and reports nothing.</summary>
    public int LatencySamples => DelaySamples;

    public double HostSampleRate => _inner.HostSampleRate;

    public NoteSettings Settings => _inner.Settings;

    public long Position => _inner.Position;

    public Pitch.PitchFrame LatestPitch => _inner.LatestPitch;

    /// <summary>Events that left before their position because the queue was full (since the last reset).</summary>
    public long EarlyEvents { get; private set; }

    /// <summary>Notes struck out before they left (shorter than the minimum, or replaced before they were heard).</summary>
    public long DroppedNotes { get; private set; }

    /// <summary>Events decided but not yet sent.</summary>
    public int Waiting => _queue.Count;

    public void Process(ReadOnlySpan<float> mono, INoteEventSink sink)
    {
        _output = sink;
        _blockStart = _inner.Position;
        _inner.Process(mono, _intake);
        SendDue(_blockStart + mono.Length);
        _output = null;
    }

    /// <summary>
    /// Ends everything now: notes not yet heard are struck out, a sounding note's NoteOff and any waiting
    /// pitch bend leave at <see cref="Position"/> (sample offset 0).
    /// </summary>
    public void Release(INoteEventSink sink)
    {
        _output = sink;
        _blockStart = _inner.Position;
        _releasing = true;
        _inner.Release(_intake);
        _releasing = false;
        StrikeUnheardNotes();
        while (_queue.TryPeek(out NoteEvent e, out _))
        {
            _queue.Dequeue();
            Send(e, _blockStart);
        }
        Array.Fill(_waitingOn, -1L);
        _output = null;
    }

    public void Reset()
    {
        _inner.Reset();
        _queue.Clear();
        _replacedOn = -1;
        _replacedAt = long.MinValue;
        Array.Fill(_waitingOn, -1L);
        EarlyEvents = 0;
        DroppedNotes = 0;
    }

    /// <summary>An event decided by the inner engine: struck out, or queued for its output position.</summary>
    private void Schedule(in NoteEvent e)
    {
        // Whatever was due by now leaves first, so that what waits depends on the stream, not the blocks.
        SendDue(e.HostPosition + 1);
        int key = Key(e);
        if (e.Kind == NoteEventKind.NoteOff && TryStrike(key, e)) return;
        NoteEvent placed = e;
        if (e.HostPosition != _replacedAt) _replacedOn = -1;
        else if (e.Kind == NoteEventKind.NoteOn && _replacedOn >= 0 && _queue.IsWaiting(_replacedOn) && _queue.IsWaiting(_replacedOff))
        {
            // The note just ended was replaced in the same frame before anyone heard it: one note, from its start.
            _queue.Drop(_replacedOn);
            _queue.Drop(_replacedOff);
            placed = e with { SourcePosition = Math.Min(e.SourcePosition, _replacedSource) };
            _replacedOn = -1;
            DroppedNotes++;
        }
        if (_queue.IsFull)
        {
            _queue.TryPeek(out NoteEvent oldest, out _);
            _queue.Dequeue();
            Send(oldest, e.HostPosition);
            EarlyEvents++;
        }
        long sequence = _queue.Enqueue(placed, Math.Max(placed.SourcePosition + DelaySamples, placed.HostPosition));
        if (e.Kind == NoteEventKind.NoteOn)
        {
            _waitingOn[key] = sequence;
            _waitingOnSource[key] = placed.SourcePosition;
        }
        else if (e.Kind == NoteEventKind.NoteOff)
        {
            long on = _waitingOn[key];
            _waitingOn[key] = -1;
            // An unheard note that ends here may be replaced within this frame (see above).
            double mergeMax = MergeMaxMs * _inner.HostSampleRate / 1000.0;
            if (_mergeReplacements && !_releasing && Unheard(on, e.HostPosition)
                && e.SourcePosition - _waitingOnSource[key] < mergeMax)
            {
                _replacedOn = on;
                _replacedOff = sequence;
                _replacedSource = _waitingOnSource[key];
                _replacedAt = e.HostPosition;
            }
        }
    }

    /// <summary>
    /// A NoteOff whose NoteOn has not left by the time the NoteOff is decided, for a note shorter than the
    /// minimum (or any such note while releasing), strikes the note out: neither event is sent.
    /// </summary>
    private bool TryStrike(int key, in NoteEvent off)
    {
        long on = _waitingOn[key];
        bool unheard = Unheard(on, off.HostPosition);
        double minSamples = _inner.Settings.MinNoteMs * _inner.HostSampleRate / 1000.0;
        bool tooShort = off.SourcePosition - _waitingOnSource[key] < minSamples;
        if (!unheard || !(tooShort || _releasing)) return false;
        _queue.Drop(on);
        _waitingOn[key] = -1;
        DroppedNotes++;
        return true;
    }

    /// <summary>Channel and pitch as one index into the per-note arrays.</summary>
    private static int Key(in NoteEvent e) => (e.Channel & 15) * 128 + Math.Clamp(e.Pitch, 0, 127);

    /// <summary>
    /// True if the NoteOn with sequence number <paramref name="on"/> still waits and would not have left by
    /// host position <paramref name="at"/>: judged on positions, not on the queue's state, so the same
    /// stream gives the same answer whatever its blocks.
    /// </summary>
    private bool Unheard(long on, long at) => on >= 0 && _queue.IsWaiting(on) && _queue.TargetOf(on) > at;

    /// <summary>On release: every note whose NoteOn still waits is struck out with its NoteOff.</summary>
    private void StrikeUnheardNotes()
    {
        Array.Clear(_struck);
        for (long s = _queue.Head; s < _queue.Tail; s++)
        {
            if (!_queue.IsWaiting(s)) continue;
            NoteEvent e = _queue.EventAt(s);
            int key = Key(e);
            if (e.Kind == NoteEventKind.NoteOn)
            {
                _queue.Drop(s);
                _struck[key] = true;
                DroppedNotes++;
            }
            else if (e.Kind == NoteEventKind.NoteOff && _struck[key])
            {
                _queue.Drop(s);
                _struck[key] = false;
            }
        }
    }

    /// <summary>Sends every waiting event whose position is before <paramref name="limit"/>.</summary>
    private void SendDue(long limit)
    {
        while (_queue.TryPeek(out NoteEvent e, out long target) && target < limit)
        {
            _queue.Dequeue();
            Send(e, target);
        }
    }

    private void Send(in NoteEvent e, long position)
    {
        position = Math.Max(position, _blockStart);
        _output?.OnEvent(e with { SampleOffset = (int)(position - _blockStart), HostPosition = position });
    }

    /// <summary>The sink the inner engine writes to.</summary>
    private sealed class Intake(PlacedNoteEngine owner) : INoteEventSink
    {
        public void OnEvent(in NoteEvent e) => owner.Schedule(e);
    }
}
