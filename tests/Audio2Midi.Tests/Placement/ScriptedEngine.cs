using Audio2Midi.Engine;
using Audio2Midi.Notes;

namespace Audio2Midi.Tests.Placement;

/// <summary>One event a <see cref="ScriptedEngine"/> decides at host sample <paramref name="DecidedAt"/>, for a sound that began at <paramref name="Source"/>.</summary>
public readonly record struct ScriptedEvent(long DecidedAt, NoteEventKind Kind, int Pitch, long Source, int Bend = 0);

/// <summary>
/// An engine that decides a fixed list of events at fixed stream positions, whatever the audio: the
/// placement stage's input made exact, so that tests can state where each event must leave.
/// </summary>
public sealed class ScriptedEngine(IReadOnlyList<ScriptedEvent> script, double rate = 48000) : INoteEngine
{
    private int _next;

    public double HostSampleRate => rate;

    public int LatencySamples => 0;

    public NoteSettings Settings { get; } = new();

    public long Position { get; private set; }

    public void Process(ReadOnlySpan<float> mono, INoteEventSink sink)
    {
        long end = Position + mono.Length;
        while (_next < script.Count && script[_next].DecidedAt < end)
        {
            ScriptedEvent s = script[_next++];
            long at = Math.Max(s.DecidedAt, Position);
            sink.OnEvent(new NoteEvent(s.Kind, (int)(at - Position), at, s.Source, s.Pitch, 100, 0, s.Bend));
        }
        Position = end;
    }

    /// <summary>Nothing of its own sounds at release in these scripts unless a NoteOn is open: then it ends now.</summary>
    public void Release(INoteEventSink sink)
    {
        int? open = null;
        for (int i = 0; i < _next; i++)
        {
            if (script[i].Kind == NoteEventKind.NoteOn) open = script[i].Pitch;
            else if (script[i].Kind == NoteEventKind.NoteOff && open == script[i].Pitch) open = null;
        }
        if (open is int pitch) sink.OnEvent(new NoteEvent(NoteEventKind.NoteOff, 0, Position, Position, pitch, 0, 0, 0));
        _next = script.Count; // released: the rest of the script is forgotten
    }

    public void Reset()
    {
        _next = 0;
        Position = 0;
    }
}
