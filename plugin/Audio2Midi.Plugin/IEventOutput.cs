namespace Audio2Midi.Plugin;

/// <summary>Where the processor's MIDI goes (the host's event output list; a recorder in tests). Called on the audio thread.</summary>
internal interface IEventOutput
{
    void NoteOn(int sampleOffset, int channel, int pitch, int velocity);

    void NoteOff(int sampleOffset, int channel, int pitch);

    /// <summary><paramref name="value"/>: -8192..8191, 0 = centre.</summary>
    void PitchBend(int sampleOffset, int channel, int value);
}
