namespace Audio2Midi.Tests.Signals;

/// <summary>
/// Random sung-like phrases with known notes, for judging the live engine on something closer to real
/// singing than single tones: varied tempo, legato and detached notes, glides, scoops, late vibrato,
/// pitch jitter, a detuned singer, unvoiced consonant bursts before some onsets, and breath noise.
/// Deterministic for a seed. The engine is tuned on this, never on the evaluation recordings.
/// </summary>
public static class SyntheticSinger
{
    public sealed record Take(float[] Audio, int Rate, IReadOnlyList<SungNote> Notes);

    public static Take Render(int seed, double seconds = 20, int rate = 44100)
    {
        var random = new Random(seed);
        double detune = (random.NextDouble() - 0.5) * 0.8;          // whole take off A440 by up to ±40 cents
        int low = 40 + random.Next(0, 25);                            // register
        double vibratoHz = 4.5 + 2.5 * random.NextDouble();
        double vibratoDepth = 0.5 * random.NextDouble();
        var notes = new List<SungNote>();
        var glides = new List<double>();
        var scoops = new List<double>();
        var bursts = new List<double>();
        double t = 0.3;
        int pitch = low + random.Next(0, 12);
        while (true)
        {
            double duration = 0.12 + 0.6 * Math.Pow(random.NextDouble(), 1.5);
            if (t + duration > seconds - 0.5) break;
            notes.Add(new SungNote(t, t + duration, pitch + detune));
            bool legato = random.NextDouble() < 0.5;
            glides.Add(legato ? 0.02 + 0.06 * random.NextDouble() : 0);
            scoops.Add(!legato && random.NextDouble() < 0.5 ? 0.5 + 1.5 * random.NextDouble() : 0);
            bursts.Add(!legato && random.NextDouble() < 0.4 ? 0.01 + 0.03 * random.NextDouble() : 0);
            int next = Math.Clamp(pitch + random.Next(-5, 6), low, low + 19);
            if (next == pitch && legato) next = pitch + (pitch < low + 10 ? 2 : -2); // a tied repeat is one note
            t += duration;
            if (!legato) t += 0.05 + 0.3 * random.NextDouble();
            pitch = next;
        }

        var x = new float[(int)(seconds * rate)];
        double phase = 0, jitter = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double time = (double)i / rate;
            double sample = 0.002 * (2 * random.NextDouble() - 1); // breath/room noise floor
            int k = NoteAt(notes, time);
            if (k >= 0)
            {
                SungNote n = notes[k];
                double since = time - n.Onset;
                bool legatoIn = k > 0 && Math.Abs(notes[k - 1].Offset - n.Onset) < 1e-9;
                bool legatoOut = k + 1 < notes.Count && Math.Abs(notes[k + 1].Onset - n.Offset) < 1e-9;
                double midi = n.Midi;
                if (legatoIn && since < glides[k - 1])
                    midi = notes[k - 1].Midi + (n.Midi - notes[k - 1].Midi) * (0.5 - 0.5 * Math.Cos(Math.PI * since / glides[k - 1]));
                else if (!legatoIn && scoops[k] > 0)
                    midi -= scoops[k] * Math.Exp(-since / 0.03); // singers slide up into a note and settle
                double vibratoRamp = Math.Clamp((since - 0.15) / 0.2, 0, 1);
                jitter += 0.002 * (2 * random.NextDouble() - 1) - 0.0005 * jitter;
                midi += vibratoRamp * vibratoDepth * Math.Sin(2 * Math.PI * vibratoHz * time) + Math.Clamp(jitter, -0.1, 0.1);
                double hz = 440 * Math.Pow(2, (midi - 69) / 12);
                phase += 2 * Math.PI * hz / rate;
                if (phase > 2000 * Math.PI) phase -= 2000 * Math.PI;
                double envelope = 1;
                if (!legatoIn) envelope = Math.Min(envelope, since / 0.015);
                if (!legatoOut) envelope = Math.Min(envelope, (n.Offset - time) / 0.03);
                double voice = 0;
                for (int h = 1; h <= 15 && hz * h < rate * 0.45; h++)
                    voice += Math.Sin(h * phase) / Math.Pow(h, 1.2);
                sample += 0.25 * Math.Clamp(envelope, 0, 1) * voice;
            }
            // An unvoiced consonant ("t", "s") just before some detached onsets.
            for (int b = 0; b < notes.Count; b++)
            {
                if (bursts[b] <= 0) continue;
                double d = notes[b].Onset - time;
                if (d > 0 && d < bursts[b]) sample += 0.05 * (2 * random.NextDouble() - 1);
            }
            x[i] = (float)sample;
        }

        // A glide between legato notes is heard as the change when it is half done: that is where the
        // labels put the boundary (the audio above starts each glide at the sung boundary).
        var labels = new List<SungNote>(notes);
        for (int k = 1; k < labels.Count; k++)
        {
            if (Math.Abs(notes[k - 1].Offset - notes[k].Onset) > 1e-9 || glides[k - 1] <= 0) continue;
            double boundary = notes[k].Onset + glides[k - 1] / 2;
            labels[k - 1] = labels[k - 1] with { Offset = boundary };
            labels[k] = labels[k] with { Onset = boundary };
        }
        return new Take(x, rate, labels);
    }

    private static int NoteAt(IReadOnlyList<SungNote> notes, double t)
    {
        for (int i = 0; i < notes.Count; i++)
            if (t >= notes[i].Onset && t < notes[i].Offset) return i;
        return -1;
    }
}
