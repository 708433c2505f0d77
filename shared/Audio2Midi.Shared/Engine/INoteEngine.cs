using Audio2Midi.Pitch;
using Audio2Midi.Notes;

namespace Audio2Midi.Engine;

/// <summary>
/// What the plugin and the offline tools drive: mono host-rate audio in, note events out.
/// Any block size; the events for a stream do not depend on how it is cut into blocks.
/// <see cref="Process"/> and <see cref="Release"/> follow DESIGN.md section 4: no allocation,
/// no lock, no I/O, no exception in the steady state.
/// </summary>
public interface INoteEngine
{
    double HostSampleRate { get; }

    /// <summary>Typical delay, in host samples, from a sung onset to its NoteOn; what the plugin reports to the host.</summary>
    int LatencySamples { get; }

    /// <summary>Live settings (transpose, channel, sensitivity...), read every analysis frame.</summary>
    NoteSettings Settings { get; }

    /// <summary>Host samples consumed since the last reset.</summary>
    long Position { get; }

    void Process(ReadOnlySpan<float> mono, INoteEventSink sink);

    /// <summary>
    /// Ends any sounding note now: its NoteOff gets <see cref="Position"/> as host position and sample
    /// offset 0 (the start of whatever block comes next; the plugin adds its own sub-block offset).
    /// </summary>
    void Release(INoteEventSink sink);

    /// <summary>Forgets all audio and state (no events are sent: call <see cref="Release"/> first if a note sounds).</summary>
    void Reset();

    /// <summary>
    /// The last f0 frame the engine analysed (what the plugin's window draws as the pitch it hears); <see cref="PitchFrame"/>
    /// default (not voiced) for engines without an f0 track. Read on the audio thread between blocks: a copy, no allocation.
    /// </summary>
    PitchFrame LatestPitch => default;
}
