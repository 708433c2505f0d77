namespace Audio2Midi.Engine;

/// <summary>
/// Receives engine events as they are decided, in order. Implementations on the audio thread
/// (the plugin's event bus) must not allocate, lock or throw.
/// </summary>
public interface INoteEventSink
{
    void OnEvent(in NoteEvent e);
}
