namespace Audio2Midi.Plugin;

/// <summary>
/// Buses: one audio input (mono or stereo), one audio output of the same width that carries the input
/// through, one event output with the notes. No event input.
/// </summary>
internal sealed partial class Processor
{
    public const string AudioInputName = "Voice in";
    public const string AudioOutputName = "Audio thru";
    public const string EventOutputName = "MIDI notes";

    private bool _audioInActive = true, _audioOutActive = true, _eventOutActive = true;

    /// <summary>Channels of the audio input and output (1 or 2), negotiated through <see cref="SetBusArrangements"/>.</summary>
    public int Channels { get; private set; } = 2;

    public static int AudioBusCount(bool input) => 1;

    public static int EventBusCount(bool input) => input ? 0 : 1;

    /// <summary>Accepts mono in/mono out and stereo in/stereo out; anything else is refused and the current layout kept.</summary>
    public bool SetBusArrangements(int inputChannels, int outputChannels)
    {
        if (IsActive) return false;
        if (inputChannels != outputChannels || inputChannels is < 1 or > 2) return false;
        Channels = inputChannels;
        return true;
    }

    public bool ActivateBus(bool audio, bool input, int index, bool state)
    {
        if (index != 0) return false;
        if (audio) { if (input) _audioInActive = state; else _audioOutActive = state; return true; }
        if (input) return false;
        _eventOutActive = state;
        if (!state && _output.SoundingCount > 0) _pendingRelease = true;
        return true;
    }

    public bool IsEventOutputActive => _eventOutActive;

    public bool IsAudioInputActive => _audioInActive;

    public bool IsAudioOutputActive => _audioOutActive;
}
