namespace Audio2Midi.Plugin.Editor;

/// <summary>
/// The window's memory of the last seconds, filled from the <see cref="EditorFeed"/> on the UI thread: the notes (with
/// their end once known), the pitch trace and the input level. Bounded arrays; old entries fall off the front.
/// </summary>
internal sealed class EditorHistory
{
    public const int MaxNotes = 1024, MaxPitch = 8192;

    public readonly record struct Note(long Start, long End, int Pitch);   // End = long.MaxValue while it sounds

    public readonly record struct PitchPoint(long Sample, float Midi, float Voicing);

    private readonly List<Note> _notes = [];
    private readonly List<PitchPoint> _pitch = [];
    private readonly EditorFeed.Item[] _buffer = new EditorFeed.Item[EditorFeed.Capacity];
    private long _cursor;

    public IReadOnlyList<Note> Notes => _notes;

    public IReadOnlyList<PitchPoint> Pitch => _pitch;

    /// <summary>The input level in dBFS of the last piece of audio (-180 before any).</summary>
    public float LevelDb { get; private set; } = -180;

    /// <summary>The highest level of the last second or so, falling 20 dB a second (the meter's peak mark).</summary>
    public float PeakDb { get; private set; } = -180;

    public long Now { get; private set; }

    public double SampleRate { get; private set; } = 48000;

    /// <summary>Takes what the audio thread wrote since the last call.</summary>
    public void Update(EditorFeed feed)
    {
        SampleRate = feed.SampleRate;
        long before = Now;
        Now = feed.Now;
        PeakDb = Math.Max(-180, PeakDb - (float)(20.0 * Math.Max(0, Now - before) / SampleRate));
        int n;
        while ((n = feed.Read(ref _cursor, _buffer)) > 0)
        {
            for (int i = 0; i < n; i++) Take(_buffer[i]);
            if (n < _buffer.Length) break;
        }
        long oldest = Now - (long)(EditorRenderer.WindowSeconds * 2 * SampleRate);
        _notes.RemoveAll(x => x.End < oldest);
        if (_notes.Count > MaxNotes) _notes.RemoveRange(0, _notes.Count - MaxNotes);
        int drop = _pitch.FindIndex(p => p.Sample >= oldest);
        if (drop > 0) _pitch.RemoveRange(0, drop);
        else if (drop < 0) _pitch.Clear();
        if (_pitch.Count > MaxPitch) _pitch.RemoveRange(0, _pitch.Count - MaxPitch);
    }

    private void Take(EditorFeed.Item item)
    {
        switch (item.Kind)
        {
            case EditorFeed.Kind.NoteOn:
                _notes.Add(new Note(item.Sample, long.MaxValue, item.Pitch));
                break;
            case EditorFeed.Kind.NoteOff:
                int open = _notes.FindLastIndex(x => x.Pitch == item.Pitch && x.End == long.MaxValue);
                if (open >= 0) _notes[open] = _notes[open] with { End = Math.Max(item.Sample, _notes[open].Start) };
                break;
            case EditorFeed.Kind.Pitch:
                _pitch.Add(new PitchPoint(item.Sample, item.Value, item.Voicing));
                break;
            case EditorFeed.Kind.Level:
                LevelDb = item.Value;
                PeakDb = Math.Max(PeakDb, item.Value);
                break;
        }
    }
}
