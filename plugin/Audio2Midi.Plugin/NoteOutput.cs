using Audio2Midi.Engine;
using Audio2Midi.Notes;

namespace Audio2Midi.Plugin;

/// <summary>
/// The engine's sink inside the processor: shifts each event from its sub-block to the host block,
/// forwards it to the host's event list and remembers which notes sound, so that every NoteOn gets
/// its NoteOff whatever happens (bypass, stop, deactivation, engine change). Allocation-free.
/// </summary>
internal sealed class NoteOutput : INoteEventSink
{
    private readonly bool[] _sounding = new bool[16 * 128];
    private int _soundingCount;

    /// <summary>This block's destination; null when the host gave no event list (events are dropped, nothing sounds).</summary>
    public IEventOutput? Target { get; set; }

    /// <summary>Where the engine's current sub-block starts inside the host block.</summary>
    public int BaseOffset { get; set; }

    /// <summary>Last valid sample offset of the host block (0 for an empty block).</summary>
    public int LastOffset { get; set; }

    public int SoundingCount => _soundingCount;

    /// <summary>A NoteOff could not be sent (no event list): the next block with one releases everything.</summary>
    public bool HasOrphans { get; set; }

    public void OnEvent(in NoteEvent e)
    {
        int offset = Math.Clamp(BaseOffset + e.SampleOffset, 0, LastOffset);
        int channel = e.Channel & 15;
        int pitch = Math.Clamp(e.Pitch, 0, 127);
        switch (e.Kind)
        {
            case NoteEventKind.NoteOn:
                if (Target is null) return;
                if (_sounding[channel * 128 + pitch]) NoteOff(offset, channel, pitch);
                Target.NoteOn(offset, channel, pitch, Math.Clamp(e.Velocity, 1, 127));
                _sounding[channel * 128 + pitch] = true;
                _soundingCount++;
                break;
            case NoteEventKind.NoteOff:
                NoteOff(offset, channel, pitch);
                break;
            case NoteEventKind.PitchBend:
                Target?.PitchBend(offset, channel, Math.Clamp(e.BendValue, -8192, 8191));
                break;
        }
    }

    /// <summary>NoteOff, at <paramref name="offset"/>, for every note still sounding.</summary>
    public void ReleaseAll(int offset)
    {
        if (_soundingCount == 0) return;
        for (int i = 0; i < _sounding.Length && _soundingCount > 0; i++)
        {
            if (_sounding[i]) NoteOff(offset, i / 128, i % 128);
        }
    }

    /// <summary>Forgets sounding notes without sending NoteOffs (the host is gone for good).</summary>
    public void Forget()
    {
        Array.Clear(_sounding);
        _soundingCount = 0;
    }

    private void NoteOff(int offset, int channel, int pitch)
    {
        int k = channel * 128 + pitch;
        if (!_sounding[k]) return;
        if (Target is null) { HasOrphans = true; return; } // released in the next block that has an event list
        Target.NoteOff(Math.Clamp(offset, 0, LastOffset), channel, pitch);
        _sounding[k] = false;
        _soundingCount--;
    }
}
