using Audio2Midi.Notes;

namespace Audio2Midi.Engine;

/// <summary>What an engine does with each sample at its internal rate: the note events that sample let it decide (none: empty).</summary>
public interface IInternalRateStage
{
    ReadOnlySpan<SegmentEvent> Step(float sample);
}
