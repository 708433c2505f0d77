namespace Audio2Midi.Plugin.Editor;

/// <summary>
/// What the audio thread shows the plugin's window: the notes it sent, the pitch it hears and the input level, in a
/// preallocated single-producer ring. The audio thread writes (a struct copy and one volatile write: no allocation,
/// lock or wait); the window reads on the UI thread, never blocking the writer. A reader that falls a whole ring
/// behind loses the oldest items, nothing else.
/// </summary>
internal sealed class EditorFeed
{
    public const int Capacity = 8192;   // a power of two: ~10 s of pitch frames at 128-frame blocks, with notes and levels

    public enum Kind : byte { Pitch, NoteOn, NoteOff, Level }

    /// <summary>One thing that happened at host sample <see cref="Sample"/> (counted from activation).</summary>
    public struct Item
    {
        public long Sample;
        public Kind Kind;
        public byte Pitch;        // NoteOn / NoteOff
        public float Value;       // Pitch: MIDI (NaN unvoiced); Level: dBFS
        public float Voicing;     // Pitch: voicing probability
    }

    private readonly Item[] _items = new Item[Capacity];
    private long _written;        // items written so far; published after the item

    /// <summary>The host rate the samples count at (written on setup, read by the window).</summary>
    public double SampleRate { get; set; } = 48000;

    /// <summary>The host sample the audio thread has reached (for the window's "now").</summary>
    public long Now => Volatile.Read(ref _now);

    private long _now;

    /// <summary>Audio thread: the stream reached <paramref name="sample"/>.</summary>
    public void Advance(long sample) => Volatile.Write(ref _now, sample);

    /// <summary>Audio thread only.</summary>
    public void Write(long sample, Kind kind, byte pitch, float value, float voicing = 0)
    {
        long n = _written;
        ref Item slot = ref _items[n & (Capacity - 1)];
        slot.Sample = sample;
        slot.Kind = kind;
        slot.Pitch = pitch;
        slot.Value = value;
        slot.Voicing = voicing;
        Volatile.Write(ref _written, n + 1);
    }

    /// <summary>
    /// UI thread: copies the items written since <paramref name="cursor"/> into <paramref name="into"/> (as many as fit)
    /// and moves the cursor past them. Items the writer overwrote during the copy are dropped.
    /// </summary>
    public int Read(ref long cursor, Span<Item> into)
    {
        long written = Volatile.Read(ref _written);
        if (written - cursor > Capacity) cursor = written - Capacity;   // fell behind: skip what is gone
        int n = (int)Math.Min(into.Length, written - cursor);
        for (int i = 0; i < n; i++) into[i] = _items[(cursor + i) & (Capacity - 1)];
        long after = Volatile.Read(ref _written);
        int torn = (int)Math.Clamp(after - Capacity - cursor, 0, n);   // overwritten while copying
        if (torn > 0) into[torn..n].CopyTo(into);
        cursor += n;
        return n - torn;
    }
}
