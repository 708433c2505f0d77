using Audio2Midi.Features;
using Audio2Midi.Dsp;
using Audio2Midi.IO;
using Audio2Midi.Models;
using Audio2Midi.Training.Datasets;
using Audio2Midi.Training.Evaluation;

namespace Audio2Midi.Training.F0;

/// <summary>
/// A folder of NAME.wav + NAME.notes.csv pairs (e.g. ../shared/data/hust-solfege) as the f0 model's training and
/// validation recordings: split by recording with <see cref="DatasetSplit"/> (the seed and fractions of `a2m dataset
/// import`, so the held-out recordings are the same), every training recording also rendered at each pitch shift
/// (resampled, so a shift up also speeds the take up: pitch and tempo move together, as on tape) and at each tempo
/// (time-stretched, pitch kept: <see cref="TempoStretch"/>), each at a random level and, with a room probability, in a
/// random room with background noise (<see cref="RoomAugmentation"/>).
/// </summary>
public sealed class F0Dataset
{
    public required IReadOnlyList<F0Recording> Train { get; init; }

    public required IReadOnlyList<F0Recording> Validation { get; init; }

    /// <summary>Names of the recordings held out for test (never loaded).</summary>
    public required IReadOnlyList<string> Test { get; init; }

    /// <param name="extraTraining">Folders whose every NAME.wav with NAME.notes.csv or NAME.mid (e.g. `a2m synth` takes) trains, at shift 0 only; they never validate.</param>
    /// <param name="tempos">Tempo factors (1.2 = 20 % faster, pitch kept) each training recording is also rendered at, as recorded otherwise.</param>
    /// <param name="features">What the model reads per frame.</param>
    /// <param name="roomProbability">Share of the shifted and stretched renderings (never the recording as it is, nor an extra folder's take) also put in a random room with noise.</param>
    public static F0Dataset Load(string folder, F0Heads heads, IReadOnlyList<double> shifts, int seed, double validationFraction, double testFraction,
        IProgress<string>? progress = null, int threads = 2, IReadOnlyList<string>? extraTraining = null, IReadOnlyList<double>? tempos = null,
        F0FeatureSet features = F0FeatureSet.Pitch, double roomProbability = 0)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such folder");
        string[] names = Directory.GetFiles(folder, "*.wav").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Where(n => File.Exists(Path.Combine(folder, n + ".notes.csv"))).Order(StringComparer.Ordinal).ToArray();
        if (names.Length < 3) throw new InvalidDataException($"{folder}: found {names.Length} NAME.wav + NAME.notes.csv pairs; training needs 3 or more (train, validation, test)");
        Dictionary<string, SplitName> split = DatasetSplit.Assign(names, seed, validationFraction, testFraction);
        var jobs = new List<(string Wav, string Notes, double Shift, double Tempo, bool Train)>();
        foreach (string name in names)
        {
            string wav = Path.Combine(folder, name + ".wav"), notes = Path.Combine(folder, name + ".notes.csv");
            if (split[name] == SplitName.Train)
            {
                jobs.AddRange(shifts.Select(s => (wav, notes, s, 1.0, true)));
                jobs.AddRange((tempos ?? []).Select(t => (wav, notes, 0.0, t, true)));
            }
            else if (split[name] == SplitName.Validation) jobs.Add((wav, notes, 0.0, 1.0, false));
        }
        foreach (string extra in extraTraining ?? [])
        {
            if (!Directory.Exists(extra)) throw new DirectoryNotFoundException($"{extra}: no such folder");
            int before = jobs.Count;
            foreach (string wav in Directory.GetFiles(extra, "*.wav").Order(StringComparer.Ordinal))
            {
                string stem = Path.ChangeExtension(wav, null);
                string? notes = File.Exists(stem + ".notes.csv") ? stem + ".notes.csv" : File.Exists(stem + ".mid") ? stem + ".mid" : null;
                if (notes is not null) jobs.Add((wav, notes, 0.0, 1.0, true));
            }
            if (jobs.Count == before) throw new InvalidDataException($"{extra}: no NAME.wav with NAME.notes.csv or NAME.mid beside it");
        }
        var built = new F0Recording[jobs.Count];
        int done = 0;
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            (string wav, string notes, double shift, double tempo, _) = jobs[i];
            // Shifted and stretched renderings also get a level between -15 and +5 dB, so level features meet other microphones and gains.
            bool augmented = shift != 0 || tempo != 1;
            double gainDb = augmented ? -15 + 20 * new Random(unchecked(seed * 7919 + i)).NextDouble() : 0;
            // The room's own generator, so adding --rooms leaves every rendering's level as it was.
            var roomRandom = new Random(unchecked(seed * 104729 + i));
            Random? room = augmented && roomRandom.NextDouble() < roomProbability ? roomRandom : null;
            built[i] = Render(wav, notes, shift, heads, gainDb, tempo, features, room, out RoomAugmentation.Room? drawn);
            progress?.Report($"features {Interlocked.Increment(ref done)}/{jobs.Count}: {Path.GetFileNameWithoutExtension(wav)} {shift:+0.00;-0.00;0} st" + (tempo == 1 ? "" : $", tempo x{tempo:0.###}")
                + (drawn is { } r ? $", {r}" : ""));
        });
        return new F0Dataset
        {
            Train = built.Where((_, i) => jobs[i].Train).ToArray(),
            Validation = built.Where((_, i) => !jobs[i].Train).ToArray(),
            Test = names.Where(n => split[n] == SplitName.Test).ToArray(),
        };
    }

    /// <summary>One recording at a pitch shift (audio resampled to 16 kHz as if it had been recorded 2^(shift/12) slower) and a tempo (then time-stretched, pitch kept).</summary>
    public static F0Recording Render(string wav, string notesCsv, double shift, F0Heads heads, double gainDb = 0, double tempo = 1, F0FeatureSet features = F0FeatureSet.Pitch) =>
        Render(wav, notesCsv, shift, heads, gainDb, tempo, features, null, out _);

    /// <param name="room">Where given, the rendering is also put in a room with noise drawn from it (before the gain, as a microphone hears a room).</param>
    /// <param name="drawn">The room drawn, if any.</param>
    public static F0Recording Render(string wav, string notesCsv, double shift, F0Heads heads, double gainDb, double tempo, F0FeatureSet features, Random? room,
        out RoomAugmentation.Room? drawn)
    {
        float[] mono = WavFile.ReadMono(wav, out int rate);
        IReadOnlyList<ScoredNote> notes = ReferenceNotes.Read(notesCsv);
        // Played back 2^(shift/12) faster: read the samples as if taken at that rate, then bring them to 16 kHz.
        int asIf = (int)Math.Round(rate * Math.Pow(2, shift / 12));
        double factor = (double)rate / asIf;            // new time per old time
        double semitones = 12 * Math.Log2((double)asIf / rate);
        float[] samples = OfflineResampler.Resample(mono, asIf, F0Heads.SampleRate);
        if (tempo != 1)
        {
            samples = TempoStretch.Apply(samples, F0Heads.SampleRate, tempo);
            factor /= tempo;
        }
        drawn = room is null ? null : RoomAugmentation.Apply(samples, F0Heads.SampleRate, room);
        if (gainDb != 0)
        {
            float gain = (float)Math.Pow(10, gainDb / 20);
            for (int k = 0; k < samples.Length; k++) samples[k] = Math.Clamp(samples[k] * gain, -1f, 1f);
        }
        var moved = notes.Select(n => new ScoredNote(n.Onset * factor, n.Offset * factor, n.MidiPitch + semitones)).ToArray();
        return F0Recording.Build(Path.GetFileNameWithoutExtension(wav), semitones, samples, moved, heads, features);
    }
}
