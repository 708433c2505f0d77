namespace Audio2Midi.Training.Synthesis;

/// <summary>
/// Random sung melodies: phrases of scale steps and small leaps inside the singer's register, note lengths
/// from the tempo, legato runs, scoops, consonant onsets and rests between and inside phrases; optionally melismas
/// (one vowel carried legato over a run of fast scale steps, 90-200 ms a note, as singers ornament a syllable).
/// </summary>
public static class MelodyGenerator
{
    private static readonly int[] Major = [0, 2, 4, 5, 7, 9, 11];
    private static readonly int[] Minor = [0, 2, 3, 5, 7, 8, 10];
    private static readonly double[] Beats = [0.5, 0.5, 1, 1, 1, 1.5, 2, 3];

    /// <param name="melisma">The share of phrases sung as a melisma (0: none, and the same notes for a seed as before the option existed).</param>
    public static List<SungNote> Generate(SingerProfile singer, double seconds, Random random, double melisma = 0)
    {
        var notes = new List<SungNote>();
        int[] scale = random.NextDouble() < 0.5 ? Major : Minor;
        int key = random.Next(12);
        var register = singer.Register;
        double beat = 60.0 / singer.Bpm;
        double t = 0.2 + 0.8 * random.NextDouble();
        int pitch = Snap((register.LowPitch + register.HighPitch) / 2, scale, key);
        int vowel = random.Next(Vowels.All.Count);
        while (true)
        {
            if (melisma > 0 && random.NextDouble() < melisma)
            {
                if (!Melisma(notes, ref t, ref pitch, vowel, register, scale, key, seconds, random)) return notes;
                t += 0.3 + 1.7 * random.NextDouble();
                continue;
            }
            int phraseLength = 3 + random.Next(8);
            bool previousSounding = false;
            for (int i = 0; i < phraseLength; i++)
            {
                double duration = Math.Max(0.12, Beats[random.Next(Beats.Length)] * beat * (0.9 + 0.2 * random.NextDouble()));
                if (t + duration > seconds - 0.3) return notes;
                int previousPitch = pitch;
                pitch = NextPitch(pitch, register, scale, key, random);
                // A repeated pitch is always re-attacked: sung legato it would have no audible onset for its label.
                bool legato = previousSounding && pitch != previousPitch && random.NextDouble() < 0.45;
                if (!legato && previousSounding) t += 0.03 + 0.15 * random.NextDouble(); // a breath-free gap
                int nextVowel = random.NextDouble() < 0.5 ? vowel : random.Next(Vowels.All.Count);
                bool scoop = !legato && random.NextDouble() < 0.3;
                notes.Add(new SungNote(
                    Onset: t,
                    Offset: t + duration,
                    Pitch: pitch,
                    Loudness: 0.4 + 0.6 * random.NextDouble(),
                    Legato: legato,
                    GlideSeconds: legato ? 0.03 + 0.09 * random.NextDouble() : 0,
                    ScoopSemitones: scoop ? (0.5 + 2.5 * random.NextDouble()) * (random.NextDouble() < 0.3 ? -1 : 1) : 0, // negative: from above
                    ScoopSeconds: scoop ? 0.04 + 0.1 * random.NextDouble() : 0,
                    ConsonantBurst: !legato && random.NextDouble() < 0.4,
                    Vowel: vowel,
                    NextVowel: nextVowel));
                vowel = nextVowel;
                t += duration;
                previousSounding = true;
                if (random.NextDouble() < 0.1) { t += 0.2 + 0.5 * random.NextDouble(); previousSounding = false; } // a rest inside the phrase
            }
            t += 0.3 + 1.7 * random.NextDouble(); // rest between phrases
        }
    }

    /// <summary>
    /// A melisma: 4-10 notes of 90-200 ms on one vowel, each a step or two along the scale from the last, every change
    /// a short legato glide with no consonant and no re-attack (its onsets are the pitch changes alone). False once the
    /// take is full.
    /// </summary>
    private static bool Melisma(List<SungNote> notes, ref double t, ref int pitch, int vowel, VoiceRegister register, int[] scale, int key, double seconds, Random random)
    {
        int count = 4 + random.Next(7);
        int direction = random.NextDouble() < 0.5 ? -1 : 1;
        double loudness = 0.4 + 0.6 * random.NextDouble();
        for (int i = 0; i < count; i++)
        {
            double duration = 0.09 + 0.11 * random.NextDouble();
            if (t + duration > seconds - 0.3) return false;
            if (i > 0)
            {
                if (random.NextDouble() < 0.3) direction = -direction;   // runs turn
                int candidate = pitch;
                int steps = random.NextDouble() < 0.8 ? 1 : 2;
                for (int k = 0; k < steps; k++) candidate = StepInScale(candidate, direction, scale, key);
                if (candidate < register.LowPitch || candidate > register.HighPitch)
                {
                    direction = -direction;
                    candidate = pitch;
                    for (int k = 0; k < steps; k++) candidate = StepInScale(candidate, direction, scale, key);
                }
                pitch = candidate;
            }
            bool legato = i > 0;
            notes.Add(new SungNote(
                Onset: t,
                Offset: t + duration,
                Pitch: pitch,
                Loudness: Math.Clamp(loudness + 0.1 * (random.NextDouble() - 0.5), 0.3, 1),
                Legato: legato,
                GlideSeconds: legato ? 0.015 + 0.03 * random.NextDouble() : 0,
                ScoopSemitones: 0,
                ScoopSeconds: 0,
                ConsonantBurst: !legato && random.NextDouble() < 0.4,
                Vowel: vowel,
                NextVowel: vowel));
            t += duration;
        }
        return true;
    }

    private static int NextPitch(int pitch, VoiceRegister register, int[] scale, int key, Random random)
    {
        double r = random.NextDouble();
        int steps = r < 0.2 ? 0 : r < 0.75 ? 1 : r < 0.92 ? 2 : 3 + random.Next(3);
        int direction = random.NextDouble() < 0.5 ? -1 : 1;
        int candidate = pitch;
        for (int i = 0; i < steps; i++) candidate = StepInScale(candidate, direction, scale, key);
        if (candidate < register.LowPitch || candidate > register.HighPitch)
        {
            candidate = pitch;
            for (int i = 0; i < steps; i++) candidate = StepInScale(candidate, -direction, scale, key);
        }
        return Math.Clamp(candidate, register.LowPitch, register.HighPitch);
    }

    private static int StepInScale(int pitch, int direction, int[] scale, int key)
    {
        int p = pitch + direction;
        while (Array.IndexOf(scale, ((p - key) % 12 + 12) % 12) < 0) p += direction;
        return p;
    }

    private static int Snap(int pitch, int[] scale, int key)
    {
        while (Array.IndexOf(scale, ((pitch - key) % 12 + 12) % 12) < 0) pitch++;
        return pitch;
    }
}
