namespace Audio2Midi.Notes;

/// <summary>
/// An event decided by the segmenter on one frame, before it is placed on the host timeline.
/// <see cref="SourceSample"/> is where (internal-rate sample) the segmenter believes the sung event
/// really happened; the engine emits it at the frame's own time (live) and offline tools may use the source time.
/// </summary>
public readonly record struct SegmentEvent(NoteEventKind Kind, int Pitch, int Velocity, int Channel, int BendValue, long SourceSample);
