using Audio2Midi.Notes;

namespace Audio2Midi.Engine;

/// <summary>
/// Puts the events a note stage decided on one frame onto the host timeline: all at the host sample whose arrival
/// completed that frame (clamped into the current block), each with its source position (where it was sung)
/// converted from internal samples and never later than that.
/// </summary>
public static class SegmentEventEmitter
{
    public static void Emit(ReadOnlySpan<SegmentEvent> events, long hostIndex, long blockStart, int blockLength, double hostPerInternal, INoteEventSink sink)
    {
        if (events.IsEmpty) return;
        long last = blockStart + Math.Max(0, blockLength - 1);
        long position = Math.Clamp(hostIndex, blockStart, last);
        int offset = (int)(position - blockStart);
        foreach (SegmentEvent e in events)
        {
            long source = Math.Clamp((long)Math.Round(e.SourceSample * hostPerInternal), 0, position);
            sink.OnEvent(new NoteEvent(e.Kind, offset, position, source, e.Pitch, e.Velocity, e.Channel, e.BendValue));
        }
    }
}
