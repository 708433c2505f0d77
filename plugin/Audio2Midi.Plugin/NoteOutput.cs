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
    private readonly int[] _heldBend = new int[16];
    private readonly bool[] _bendHeld = new bool[16];
    private int _soundingCount;
    private bool _anyBendHeld;

    /// <summary>This block's destination; null when the host gave no event list (events are dropped, nothing sounds).</summary>
    public IEventOutput? Target { get; set; }

    /// <summary>Where the engine's current sub-block starts inside the host block.</summary>
    public int BaseOffset { get; set; }

    /// <summary>Last valid sample offset of the host block (0 for an empty block).</summary>
    public int LastOffset { get; set; }

    public int SoundingCount => _soundingCount;

    /// <summary>Where sent notes are shown (the plugin's window), and the feed sample of offset 0 in this block (where it was sung).</summary>
    public Editor.EditorFeed? Feed { get; set; }

    public long FeedBase { get; set; }

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
                Feed?.Write(FeedBase + offset, Editor.EditorFeed.Kind.NoteOn, (byte)pitch, channel);
                _sounding[channel * 128 + pitch] = true;
                _soundingCount++;
                break;
            case NoteEventKind.NoteOff:
                NoteOff(offset, channel, pitch);
                break;
            case NoteEventKind.PitchBend:
                int bend = Math.Clamp(e.BendValue, -8192, 8191);
                if (Target is not null) Target.PitchBend(offset, channel, bend);
                else
                {
                    // No block to place it in (an empty block, no event list): the latest value per channel waits.
                    _heldBend[channel] = bend;
                    _bendHeld[channel] = true;
                    _anyBendHeld = true;
                }
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

    /// <summary>Sends the pitch bends held while there was no block to place them in, at <paramref name="offset"/>.</summary>
    public void SendHeldBends(int offset)
    {
        if (!_anyBendHeld || Target is null) return;
        for (int c = 0; c < 16; c++)
        {
            if (!_bendHeld[c]) continue;
            Target.PitchBend(Math.Clamp(offset, 0, LastOffset), c, _heldBend[c]);
            _bendHeld[c] = false;
        }
        _anyBendHeld = false;
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
        Feed?.Write(FeedBase + Math.Clamp(offset, 0, LastOffset), Editor.EditorFeed.Kind.NoteOff, (byte)pitch, channel);
        _sounding[k] = false;
        _soundingCount--;
    }
}
