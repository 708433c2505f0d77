using Audio2Midi.Notes;

namespace Audio2Midi.Engine;

/// <summary>
/// A MIDI-ready event from an engine. <see cref="SampleOffset"/> is its position inside the block
/// passed to <see cref="INoteEngine.Process"/>; <see cref="HostPosition"/> is the same position counted
/// in host samples since the last reset. <see cref="SourcePosition"/> is where (host samples) the
/// engine believes the sung event really began: offline tools use it, the live path cannot.
/// </summary>
public readonly record struct NoteEvent(
    NoteEventKind Kind,
    int SampleOffset,
    long HostPosition,
    long SourcePosition,
    int Pitch,
    int Velocity,
    int Channel,
    int BendValue);
