namespace Audio2Midi.Training.Synthesis;

/// <summary>
/// Source-filter singing: a glottal pulse train following the pitch contour (scoops, portamento, vibrato,
/// drift), aspiration noise, vowel formants that move within and between notes, consonant noise bursts just
/// before some onsets, breaths in the rests; then a room and background noise. Deterministic for a seed.
/// </summary>
public static class VoiceSynthesizer
{
    public static float[] Render(IReadOnlyList<SungNote> notes, SingerProfile singer, double seconds, int sampleRate, Random random)
    {
        int length = (int)Math.Ceiling(seconds * sampleRate);
        var pitch = new double[length];
        var amplitude = new double[length];
        var vowelPosition = new double[length]; // vowel index a, index b, mix
        var vowelA = new int[length];
        var vowelB = new int[length];
        DrawContours(notes, singer, sampleRate, random, pitch, amplitude, vowelPosition, vowelA, vowelB);

        var source = new GlottalSource(sampleRate, singer.OpenQuotient, singer.ClosingShare);
        var tract = new FormantFilter(sampleRate);
        Span<double> frequencies = stackalloc double[tract.Count];
        Span<double> bandwidths = stackalloc double[tract.Count];
        var output = new float[length];
        double scale = singer.Register.FormantScale;
        double vibratoPhase = random.NextDouble() * 2 * Math.PI;
        double drift = 0, driftTarget = 0;
        for (int i = 0; i < length; i++)
        {
            if (i % (sampleRate / 4) == 0) driftTarget = BackgroundNoise.Gaussian(random) * singer.DriftSemitones;
            drift += (driftTarget - drift) * (2.0 / sampleRate); // slow wander towards a new target every 250 ms
            vibratoPhase += 2 * Math.PI * singer.VibratoHz * (1 + 0.05 * Math.Sin(i * 1.3e-4)) / sampleRate;
            double vibrato = VibratoDepth(notes, i / (double)sampleRate, singer) * Math.Sin(vibratoPhase);
            double f0 = amplitude[i] > 0 ? 440 * Math.Pow(2, (pitch[i] + drift + vibrato - 69) / 12) : 0;
            double voiced = f0 > 0 ? source.Next(f0) : 0;
            double aspiration = BackgroundNoise.Gaussian(random) * singer.BreathLevel * 3;
            Vowel a = Vowels.All[vowelA[i]], b = Vowels.All[vowelB[i]];
            double mix = vowelPosition[i];
            for (int k = 0; k < tract.Count; k++)
            {
                frequencies[k] = Math.Min(0.45 * sampleRate, scale * ((1 - mix) * a.Frequency(k) + mix * b.Frequency(k)));
                bandwidths[k] = (1 - mix) * a.Bandwidth(k) + mix * b.Bandwidth(k);
            }
            output[i] = (float)(amplitude[i] * tract.Process(voiced + aspiration, frequencies, bandwidths));
        }
        AddConsonants(output, notes, sampleRate, random);
        AddBreaths(output, notes, singer, sampleRate, random);
        Reverb.Apply(output, sampleRate, singer.ReverbRt60, singer.ReverbWet);
        Normalize(output, Math.Pow(10, (-18 + 15 * random.NextDouble()) / 20));
        BackgroundNoise.Add(output, singer.SnrDb, random);
        return output;
    }

    private static void DrawContours(IReadOnlyList<SungNote> notes, SingerProfile singer, int rate, Random random,
        double[] pitch, double[] amplitude, double[] vowelMix, int[] vowelA, int[] vowelB)
    {
        double previousEnd = 0; // the level the previous note ended on
        for (int n = 0; n < notes.Count; n++)
        {
            SungNote note = notes[n];
            bool legatoIn = note.Legato && n > 0;
            // Legato is one breath: the level carries on from the previous note and reaches this one's over the glide
            // (at least 60 ms), with no step a model could take for an attack.
            double levelIn = Math.Max(0.06, note.GlideSeconds);
            double swell = random.NextDouble() * 0.3 - 0.15;
            bool legatoOut = n + 1 < notes.Count && notes[n + 1].Legato;
            double attack = legatoIn ? 0 : 0.02 + 0.04 * random.NextDouble();
            double release = legatoOut ? 0 : 0.03 + 0.04 * random.NextDouble();
            int first = (int)Math.Round(note.Onset * rate), end = Math.Min(pitch.Length, (int)Math.Round(note.Offset * rate));
            for (int i = first; i < end; i++)
            {
                double t = i / (double)rate - note.Onset, remaining = note.Offset - i / (double)rate;
                double p = note.Pitch;
                if (legatoIn && t < note.GlideSeconds) p = notes[n - 1].Pitch + (note.Pitch - notes[n - 1].Pitch) * 0.5 * (1 - Math.Cos(Math.PI * t / note.GlideSeconds));
                // A glide overshoots its target a little (a third of the step, at most 0.6 st, peaking 25 ms after it) and settles.
                else if (legatoIn)
                {
                    double since = (t - note.GlideSeconds) / 0.025;
                    p += Math.Clamp((note.Pitch - notes[n - 1].Pitch) / 3.0, -0.6, 0.6) * since * Math.Exp(1 - since);
                }
                if (t < note.ScoopSeconds) p -= note.ScoopSemitones * 0.5 * (1 + Math.Cos(Math.PI * t / note.ScoopSeconds));
                pitch[i] = p;
                double envelope = Math.Min(1, attack > 0 ? t / attack : 1) * Math.Min(1, release > 0 ? remaining / release : 1);
                double shape = 1 + swell * (t / (note.Offset - note.Onset) - 0.5);
                double level = note.Loudness * envelope * shape;
                if (legatoIn && t < levelIn) level = previousEnd + (level - previousEnd) * 0.5 * (1 - Math.Cos(Math.PI * t / levelIn));
                amplitude[i] = level;
                vowelA[i] = note.Vowel;
                vowelB[i] = note.NextVowel;
                vowelMix[i] = Math.Clamp((t / (note.Offset - note.Onset) - 0.5) * 2, 0, 1); // move to the next vowel in the note's second half
            }
            if (end > first) previousEnd = amplitude[end - 1];
        }
    }

    private static double VibratoDepth(IReadOnlyList<SungNote> notes, double t, SingerProfile singer)
    {
        // Vibrato grows in after the note's start (held notes), measured from the last non-legato onset: a legato change
        // keeps the vibrato going (real singers do not restart it at each note of a slur).
        double since = double.MaxValue, phraseStart = 0;
        foreach (SungNote n in notes)
        {
            if (n.Onset > t) break;
            if (!n.Legato) phraseStart = n.Onset;
            if (t < n.Offset) { since = t - phraseStart; break; }
        }
        if (since == double.MaxValue) return 0;
        return singer.VibratoSemitones * Math.Clamp((since - singer.VibratoDelaySeconds) / 0.2, 0, 1);
    }

    private static void AddConsonants(float[] output, IReadOnlyList<SungNote> notes, int rate, Random random)
    {
        foreach (SungNote note in notes)
        {
            if (!note.ConsonantBurst) continue;
            int length = (int)((0.02 + 0.04 * random.NextDouble()) * rate);
            int end = (int)Math.Round(note.Onset * rate);
            double level = 0.05 + 0.15 * random.NextDouble();
            double previous = 0;
            for (int i = Math.Max(0, end - length); i < end && i < output.Length; i++)
            {
                double white = BackgroundNoise.Gaussian(random);
                double hiss = white - previous; // first difference: a bright, "s/t/k"-like noise
                previous = white;
                double envelope = Math.Sin(Math.PI * (i - (end - length)) / length);
                output[i] += (float)(level * envelope * hiss * note.Loudness);
            }
        }
    }

    private static void AddBreaths(float[] output, IReadOnlyList<SungNote> notes, SingerProfile singer, int rate, Random random)
    {
        for (int n = 1; n < notes.Count; n++)
        {
            double gap = notes[n].Onset - notes[n - 1].Offset;
            if (gap < 0.35 || random.NextDouble() < 0.3) continue;
            double duration = Math.Min(0.4, gap - 0.15);
            int end = (int)((notes[n].Onset - 0.08) * rate), start = end - (int)(duration * rate);
            double low = 0;
            for (int i = Math.Max(0, start); i < end && i < output.Length; i++)
            {
                low = 0.7 * low + 0.3 * BackgroundNoise.Gaussian(random);
                double envelope = Math.Sin(Math.PI * (i - start) / (end - start));
                output[i] += (float)(singer.BreathLevel * 2 * envelope * low);
            }
        }
    }

    private static void Normalize(float[] signal, double peak)
    {
        float max = 0;
        foreach (float x in signal) max = Math.Max(max, Math.Abs(x));
        if (max <= 0) return;
        float gain = (float)(peak / max);
        for (int i = 0; i < signal.Length; i++) signal[i] *= gain;
    }
}
