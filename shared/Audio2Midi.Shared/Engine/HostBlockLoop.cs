using Audio2Midi.Dsp;
using Audio2Midi.Notes;

namespace Audio2Midi.Engine;

/// <summary>
/// The host side every engine shares: a host block in chunks through the front end (<see cref="HostToInternalRate"/>:
/// sanitise, resample), each internal sample to the engine's stage (<see cref="IInternalRateStage"/>), and what the
/// stage decides put on the host timeline at the host sample whose arrival completed it (<see cref="SegmentEventEmitter"/>).
/// That placement follows from the sample stream alone, so every block partition gives the same events. Keeps the
/// host position. Allocation-free after construction.
/// </summary>
public sealed class HostBlockLoop(HostToInternalRate front, double hostPerInternal)
{
    /// <summary>Host samples since the last reset.</summary>
    public long Position { get; private set; }

    /// <summary>The internal-rate sample the stream has reached (where a release ends what sounds).</summary>
    public long InternalPosition => (long)Math.Round(Position / hostPerInternal);

    public void Process(ReadOnlySpan<float> mono, IInternalRateStage stage, INoteEventSink sink)
    {
        long blockStart = Position;
        for (int done = 0; done < mono.Length; done += HostToInternalRate.Chunk)
        {
            long first = front.Produced;
            ReadOnlySpan<float> samples = front.Process(mono.Slice(done, Math.Min(HostToInternalRate.Chunk, mono.Length - done)));
            for (int i = 0; i < samples.Length; i++)
            {
                ReadOnlySpan<SegmentEvent> events = stage.Step(samples[i]);
                if (!events.IsEmpty) SegmentEventEmitter.Emit(events, front.HostIndexCompleting(first + i), blockStart, mono.Length, hostPerInternal, sink);
            }
        }
        Position += mono.Length;
    }

    /// <summary>Events a release decided, at the current host position.</summary>
    public void EmitRelease(ReadOnlySpan<SegmentEvent> events, INoteEventSink sink) => SegmentEventEmitter.Emit(events, Position, Position, 1, hostPerInternal, sink);

    public void Reset()
    {
        front.Reset();
        Position = 0;
    }
}
