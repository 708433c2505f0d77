namespace Audio2Midi.Training.Learning;

/// <summary>
/// What each training crop may go through, applied to the log-CQT in dB before normalisation (the CQT is linear,
/// so these stand in for doing the same to the audio): a gain, additive noise, a room's decaying tail, and a pitch
/// shift by whole semitones (bins and labels move together). Real singing arrives at any level, in noisy rooms,
/// in any key; 35 minutes of recordings cover few of those.
/// </summary>
public sealed record AugmentationSettings
{
    public static AugmentationSettings None { get; } = new() { GainDb = 0, NoiseProbability = 0, RoomProbability = 0, PitchShiftSemitones = 0 };

    /// <summary>Gain drawn uniformly from +-this many dB.</summary>
    public double GainDb { get; init; } = 12;

    public double NoiseProbability { get; init; } = 0.5;

    /// <summary>Noise level per CQT bin, dB re full scale: drawn uniformly from this range.</summary>
    public double NoiseMinDb { get; init; } = -80;

    public double NoiseMaxDb { get; init; } = -45;

    public double RoomProbability { get; init; } = 0.3;

    /// <summary>Reverberation time drawn from 0.2 s up to this.</summary>
    public double MaxRt60Seconds { get; init; } = 0.8;

    /// <summary>Shift drawn uniformly from -this..+this semitones (0 = none).</summary>
    public int PitchShiftSemitones { get; init; } = 2;

    public void Validate()
    {
        if (!(GainDb >= 0 && GainDb <= 60)) throw new ArgumentOutOfRangeException(nameof(GainDb), GainDb, "gain range must be 0..60 dB");
        if (NoiseProbability is < 0 or > 1 || RoomProbability is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(NoiseProbability), "probabilities must be 0..1");
        if (!(NoiseMinDb <= NoiseMaxDb)) throw new ArgumentOutOfRangeException(nameof(NoiseMinDb), "noise range must be low to high");
        if (!(MaxRt60Seconds >= 0.2 && MaxRt60Seconds <= 5)) throw new ArgumentOutOfRangeException(nameof(MaxRt60Seconds), MaxRt60Seconds, "RT60 must be 0.2..5 s");
        if (PitchShiftSemitones is < 0 or > 12) throw new ArgumentOutOfRangeException(nameof(PitchShiftSemitones), PitchShiftSemitones, "pitch shift must be 0..12 semitones");
    }
}
