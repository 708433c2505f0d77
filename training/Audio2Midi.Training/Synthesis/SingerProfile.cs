namespace Audio2Midi.Training.Synthesis;

/// <summary>Everything that stays fixed for one synthetic singer and take: register, voice quality, vibrato, room.</summary>
public sealed record SingerProfile(
    VoiceRegister Register,
    double OpenQuotient,
    double ClosingShare,
    double VibratoHz,
    double VibratoSemitones,
    double VibratoDelaySeconds,
    double DriftSemitones,
    double BreathLevel,
    double ReverbRt60,
    double ReverbWet,
    double SnrDb,
    double Bpm)
{
    public static SingerProfile Random(Random random)
    {
        var register = VoiceRegister.All[random.Next(VoiceRegister.All.Count)];
        return new SingerProfile(
            register,
            OpenQuotient: 0.45 + 0.3 * random.NextDouble(),
            ClosingShare: 0.25 + 0.2 * random.NextDouble(),
            VibratoHz: 4.5 + 2.5 * random.NextDouble(),
            VibratoSemitones: random.NextDouble() < 0.15 ? 0 : 0.1 + 0.6 * random.NextDouble(),
            VibratoDelaySeconds: 0.1 + 0.3 * random.NextDouble(),
            DriftSemitones: 0.05 + 0.2 * random.NextDouble(),
            BreathLevel: 0.005 + 0.04 * random.NextDouble(),
            ReverbRt60: RoomRanges.Rt60Seconds(random),
            ReverbWet: RoomRanges.Wet(random),
            SnrDb: RoomRanges.SnrDb(random),
            Bpm: 60 + 100 * random.NextDouble());
    }
}
