using Audio2Midi.Training.Synthesis;

namespace Audio2Midi.Training.F0;

/// <summary>
/// A room and background noise for an augmented copy of a real recording (`a2m train-f0 --rooms`): hust-solfege was
/// recorded by one phone app, so its shifted copies share one microphone's room and noise floor, while other singers
/// record in others. The ranges are those `a2m synth` draws its singers' rooms from (<see cref="RoomRanges"/>):
/// reverberation time 0.2-1.0 s at up to 30 % wet, noise 10-45 dB under the voice.
/// </summary>
public static class RoomAugmentation
{
    /// <summary>What one draw chose, for the progress line.</summary>
    public readonly record struct Room(double Rt60Seconds, double Wet, double SnrDb)
    {
        public override string ToString() => $"room {Rt60Seconds:0.00} s at {100 * Wet:0} % wet, noise {SnrDb:0} dB under";
    }

    /// <summary>Draws a room and a noise level from <paramref name="random"/> and applies both to <paramref name="samples"/> in place.</summary>
    public static Room Apply(float[] samples, int sampleRate, Random random)
    {
        var room = new Room(RoomRanges.Rt60Seconds(random), RoomRanges.Wet(random), RoomRanges.SnrDb(random));
        Reverb.Apply(samples, sampleRate, room.Rt60Seconds, room.Wet);
        BackgroundNoise.Add(samples, room.SnrDb, random);
        return room;
    }
}
