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
/// (resampled, so a shift up also speeds the take up: pitch and tempo move together, as on tape).
/// </summary>
public sealed class F0Dataset
{
    public required IReadOnlyList<F0Recording> Train { get; init; }

    public required IReadOnlyList<F0Recording> Validation { get; init; }

    /// <summary>Names of the recordings held out for test (never loaded).</summary>
    public required IReadOnlyList<string> Test { get; init; }

    public static F0Dataset Load(string folder, F0Heads heads, IReadOnlyList<double> shifts, int seed, double validationFraction, double testFraction,
        IProgress<string>? progress = null, int threads = 2)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such folder");
        string[] names = Directory.GetFiles(folder, "*.wav").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Where(n => File.Exists(Path.Combine(folder, n + ".notes.csv"))).Order(StringComparer.Ordinal).ToArray();
        if (names.Length < 3) throw new InvalidDataException($"{folder}: found {names.Length} NAME.wav + NAME.notes.csv pairs; training needs 3 or more (train, validation, test)");
        Dictionary<string, SplitName> split = DatasetSplit.Assign(names, seed, validationFraction, testFraction);
        var jobs = new List<(string Name, double Shift, bool Train)>();
        foreach (string name in names)
        {
            if (split[name] == SplitName.Train) jobs.AddRange(shifts.Select(s => (name, s, true)));
            else if (split[name] == SplitName.Validation) jobs.Add((name, 0.0, false));
        }
        var built = new F0Recording[jobs.Count];
        int done = 0;
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            (string name, double shift, _) = jobs[i];
            built[i] = Render(Path.Combine(folder, name + ".wav"), Path.Combine(folder, name + ".notes.csv"), shift, heads);
            progress?.Report($"features {Interlocked.Increment(ref done)}/{jobs.Count}: {name} {shift:+0.00;-0.00;0} st");
        });
        return new F0Dataset
        {
            Train = built.Where((_, i) => jobs[i].Train).ToArray(),
            Validation = built.Where((_, i) => !jobs[i].Train).ToArray(),
            Test = names.Where(n => split[n] == SplitName.Test).ToArray(),
        };
    }

    /// <summary>One recording at a pitch shift: audio resampled to 16 kHz as if it had been recorded 2^(shift/12) slower.</summary>
    public static F0Recording Render(string wav, string notesCsv, double shift, F0Heads heads)
    {
        float[] mono;
        int rate;
        using (AudioFileReader reader = AudioFileReader.Open(wav))
        {
            rate = reader.SampleRate;
            mono = new float[reader.FrameCount];
            int read = 0;
            for (int n; read < mono.Length && (n = reader.ReadMono(mono.AsSpan(read))) > 0;) read += n;
            if (read < mono.Length) Array.Resize(ref mono, read);
        }
        IReadOnlyList<ScoredNote> notes = NoteCsv.Read(notesCsv);
        // Played back 2^(shift/12) faster: read the samples as if taken at that rate, then bring them to 16 kHz.
        int asIf = (int)Math.Round(rate * Math.Pow(2, shift / 12));
        double factor = (double)rate / asIf;            // new time per old time
        double semitones = 12 * Math.Log2((double)asIf / rate);
        float[] samples = OfflineResampler.Resample(mono, asIf, F0Heads.SampleRate);
        var moved = notes.Select(n => new ScoredNote(n.Onset * factor, n.Offset * factor, n.MidiPitch + semitones)).ToArray();
        return F0Recording.Build(Path.GetFileNameWithoutExtension(wav), semitones, samples, moved, heads);
    }
}
