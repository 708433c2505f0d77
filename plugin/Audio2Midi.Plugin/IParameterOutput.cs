namespace Audio2Midi.Plugin;

/// <summary>Values the processor reports to the host in a block (read-only parameters such as the engine status). Called on the audio thread.</summary>
internal interface IParameterOutput
{
    void Set(uint id, int sampleOffset, double normalized);
}
