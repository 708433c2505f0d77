using Audio2Midi.Engine;
using Audio2Midi.Midi;
using Audio2Midi.Notes;

namespace Audio2Midi.Transcription;

/// <summary>
/// Turns an engine's event stream into notes with times in seconds: each NoteOn is paired with the
/// NoteOff of the same pitch and channel. Live timing uses where events were emitted; offline timing
/// uses where the engine believes they began. Not for the audio thread (it grows lists).
/// </summary>
public sealed class NoteCollector : INoteEventSink
{
    private readonly double _sampleRate;
    private readonly bool _useSourceTime;
    private readonly double _shiftSeconds;
    private readonly List<MidiNote> _notes = [];
    private readonly List<MidiPitchBend> _bends = [];
    private readonly Dictionary<(int Pitch, int Channel), (double Onset, int Velocity)> _open = [];

    /// <param name="sampleRate">Rate of the host positions in the events.</param>
    /// <param name="useSourceTime">True for offline transcription (event source positions), false for live (emission positions).</param>
    /// <param name="shiftSeconds">Subtracted from every time (e.g. the delay of a resampler in front of the engine).</param>
    public NoteCollector(double sampleRate, bool useSourceTime, double shiftSeconds = 0)
    {
        _sampleRate = sampleRate;
        _useSourceTime = useSourceTime;
        _shiftSeconds = shiftSeconds;
    }

    public IReadOnlyList<MidiNote> Notes => _notes;

    public IReadOnlyList<MidiPitchBend> PitchBends => _bends;

    public List<NoteEvent> Events { get; } = [];

    public void OnEvent(in NoteEvent e)
    {
        Events.Add(e);
        double t = Math.Max(0, (_useSourceTime ? e.SourcePosition : e.HostPosition) / _sampleRate - _shiftSeconds);
        switch (e.Kind)
        {
            case NoteEventKind.NoteOn:
                Close(e.Pitch, e.Channel, t);
                _open[(e.Pitch, e.Channel)] = (t, e.Velocity);
                break;
            case NoteEventKind.NoteOff:
                Close(e.Pitch, e.Channel, t);
                break;
            case NoteEventKind.PitchBend:
                _bends.Add(new MidiPitchBend(t, e.BendValue, e.Channel));
                break;
        }
    }

    /// <summary>Closes any note still open at <paramref name="seconds"/> (end of stream).</summary>
    public void CloseAll(double seconds)
    {
        foreach (var key in _open.Keys.ToList()) Close(key.Pitch, key.Channel, seconds);
    }

    private void Close(int pitch, int channel, double t)
    {
        if (!_open.Remove((pitch, channel), out var start)) return;
        _notes.Add(new MidiNote(start.Onset, Math.Max(t, start.Onset), pitch, start.Velocity, channel));
    }
}
