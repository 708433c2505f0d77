namespace Audio2Midi.Pitch;

/// <summary>Frequency and MIDI note number conversions. Pitches are MIDI numbers (60 = middle C, 69 = A 440 Hz).</summary>
public static class PitchMath
{
    public static double HzToMidi(double hz) => 69.0 + 12.0 * Math.Log2(hz / 440.0);

    public static double MidiToHz(double midi) => 440.0 * Math.Pow(2.0, (midi - 69.0) / 12.0);
}
