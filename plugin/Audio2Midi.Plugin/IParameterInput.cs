namespace Audio2Midi.Plugin;

/// <summary>The block's parameter changes: queues of (sample offset, normalised value) points. Called on the audio thread.</summary>
internal interface IParameterInput
{
    int QueueCount { get; }

    uint QueueId(int queue);

    int PointCount(int queue);

    bool TryGetPoint(int queue, int index, out int sampleOffset, out double normalized);
}
