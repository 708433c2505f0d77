using Audio2Midi.Features;
using Audio2Midi.IO;
using Audio2Midi.Midi;
using Audio2Midi.Training.Datasets;

namespace Audio2Midi.Tests.Datasets;

public class DatasetImportTests
{
    private static bool Reported(ImportResult r, string name, PairProblemKind kind, bool excludes) =>
        r.Pairs.Single(p => p.Pair.Name == name).Problems.Any(p => p.Kind == kind && p.Excludes == excludes);

    [Fact]
    public void GoodAndBrokenPairsAreImportedOrReported()
    {
        using var input = new DatasetFolder();
        using var cache = new DatasetFolder();
        for (int i = 0; i < 4; i++) input.AddTake($"good{i}.wav", $"good{i}.mid", seed: 100 + i);
        input.AddTake("voice_001.wav", "midi_001.mid", seed: 110);                     // the seed's naming
        input.AddTake("rate.wav", "rate.mid", seed: 111, rate: 22050);                  // another sample rate
        input.AddTake("octave.wav", "octave.mid", seed: 112, labelShift: 12);           // labels an octave above the voice
        WavFile.Write(input.File("empty.wav"), new float[16000], 16000);
        MidiFileWriter.Write(input.File("empty.mid"), []);                               // no notes
        var longTake = input.AddTake("long.wav", "long.mid", seed: 113, seconds: 8);
        MidiFileWriter.Write(input.File("long.mid"), [.. longTake.Labels, new MidiNote(8.5, 12, 62)]); // runs past the audio
        WavFile.Write(input.File("lonely.wav"), new float[1600], 16000);                 // no partner
        System.IO.File.WriteAllText(input.File("broken.wav"), "not a wav");
        MidiFileWriter.Write(input.File("broken.mid"), [new MidiNote(0, 1, 60)]);

        ImportResult r = DatasetImporter.Import(input.Path, cache.Path, new ImportOptions { Seed = 3, ValidationFraction = 0.2, TestFraction = 0.2 });

        Assert.Equal(10, r.Pairs.Count);
        Assert.Contains(r.Pairs, p => p.Pair.Name == "voice_001" && p.Pair.MidPath.EndsWith("midi_001.mid", StringComparison.Ordinal) && p.Included);
        Assert.Contains(r.Unpaired, u => u.Contains("lonely.wav", StringComparison.Ordinal));
        Assert.True(Reported(r, "rate", PairProblemKind.SampleRateMismatch, excludes: false));
        Assert.True(Reported(r, "octave", PairProblemKind.OctaveOffset, excludes: true));
        Assert.Contains("--fix-octave", r.Pairs.Single(p => p.Pair.Name == "octave").Problems[0].Message);
        Assert.True(Reported(r, "empty", PairProblemKind.EmptyMidi, excludes: true));
        Assert.True(Reported(r, "long", PairProblemKind.MidiLongerThanAudio, excludes: false));
        Assert.True(Reported(r, "long", PairProblemKind.LabelIssue, excludes: false)); // the note after the audio's end
        Assert.True(Reported(r, "broken", PairProblemKind.UnreadableAudio, excludes: true));
        Assert.All(r.Pairs.Where(p => p.Pair.Name.StartsWith("good", StringComparison.Ordinal)), p => Assert.Empty(p.Problems));

        string report = System.IO.File.ReadAllText(System.IO.Path.Combine(cache.Path, CacheFormat.ReportFileName));
        Assert.Contains("EmptyMidi", report);
        Assert.Contains("octave.mid", report);

        using CacheReader reader = CacheReader.Open(cache.Path);
        Assert.Equal(r.Pairs.Where(p => p.Included).Select(p => p.Pair.Name).Order(), reader.Recordings.Select(x => x.Name).Order());
        Assert.DoesNotContain(reader.Recordings, x => x.Name is "octave" or "empty" or "broken");
    }

    [Fact]
    public void OctaveOffsetIsDetectedAndFixedInTheCache()
    {
        using var input = new DatasetFolder();
        using var cache = new DatasetFolder();
        var take = input.AddTake("take.wav", "take.mid", seed: 200, seconds: 10, labelShift: 12);
        OctaveCheckResult check = OctaveCheck.Run(take.Audio, take.Labels.Select(n => n with { Pitch = n.Pitch + 12 }).ToList());
        Assert.Equal(-12, check.VoiceMinusLabel);
        Assert.Equal(0, OctaveCheck.Run(take.Audio, take.Labels).VoiceMinusLabel);

        ImportResult r = DatasetImporter.Import(input.Path, cache.Path, new ImportOptions { FixOctave = true, ValidationFraction = 0, TestFraction = 0 });
        PairReport pair = Assert.Single(r.Pairs);
        Assert.True(pair.Included);
        Assert.Equal(-12, pair.LabelShift);
        Assert.Equal(take.Labels.Select(n => n.Pitch), pair.Notes.Select(n => n.Pitch));
        Assert.Contains(pair.Problems, p => p.Kind == PairProblemKind.OctaveOffset && p.Message.Contains("fixed", StringComparison.Ordinal));
    }

    [Fact]
    public void TooFewRecordingsForTheHeldOutSplitsAreReported()
    {
        using var input = new DatasetFolder();
        using var cache = new DatasetFolder();
        input.AddTake("a.wav", "a.mid", seed: 301, seconds: 4);
        input.AddTake("b.wav", "b.mid", seed: 302, seconds: 4);
        ImportResult r = DatasetImporter.Import(input.Path, cache.Path, new ImportOptions { ValidationFraction = 0.1, TestFraction = 0.1 });
        var lines = ImportReportText.Lines(r).ToList();
        // Two takes: one trains, one validates (training needs it), and the test split is empty.
        Assert.DoesNotContain(lines, l => l.StartsWith("warning [EmptySplit] the validation split", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("warning [EmptySplit] the test split", StringComparison.Ordinal));

        using var cache2 = new DatasetFolder();
        r = DatasetImporter.Import(input.Path, cache2.Path, new ImportOptions { ValidationFraction = 0, TestFraction = 0 });
        Assert.DoesNotContain(ImportReportText.Lines(r), l => l.Contains("EmptySplit", StringComparison.Ordinal)); // none asked for
    }

    [Fact]
    public void SplitIsByRecordingDeterministicAndStatisticsComeFromTrainingOnly()
    {
        var names = Enumerable.Range(0, 50).Select(i => $"take{i:00}").ToList();
        var a = DatasetSplit.Assign(names, 7, 0.2, 0.2);
        Assert.Equal(a, DatasetSplit.Assign(Enumerable.Reverse(names), 7, 0.2, 0.2));
        Assert.NotEqual(a, DatasetSplit.Assign(names, 8, 0.2, 0.2));
        Assert.Equal(50, a.Count);
        Assert.Equal(10, a.Values.Count(s => s == SplitName.Test));
        Assert.Equal(10, a.Values.Count(s => s == SplitName.Validation));
        Assert.Equal(SplitName.Train, Assert.Single(DatasetSplit.Assign(["only"], 1, 0.3, 0.3)).Value);
        // A held-out split that was asked for gets a take while one is left to train: three takes make all three splits.
        Assert.Equal([SplitName.Train, SplitName.Validation, SplitName.Test], DatasetSplit.Assign(["a", "b", "c"], 1, 0.1, 0.1).Values.Order());
        Assert.Equal([SplitName.Train, SplitName.Train, SplitName.Validation], DatasetSplit.Assign(["a", "b", "c"], 1, 0.1, 0).Values.Order());
        Assert.Equal([SplitName.Train, SplitName.Validation], DatasetSplit.Assign(["a", "b"], 1, 0.1, 0.1).Values.Order());

        using var input = new DatasetFolder();
        using var cache = new DatasetFolder();
        for (int i = 0; i < 5; i++) input.AddTake($"t{i}.wav", $"t{i}.mid", seed: 300 + i, seconds: 5);
        DatasetImporter.Import(input.Path, cache.Path, new ImportOptions { Seed = 2, ValidationFraction = 0.2, TestFraction = 0.2 });
        using CacheReader reader = CacheReader.Open(cache.Path);
        Assert.Equal(reader.Recordings.Count, reader.Recordings.Select(x => x.Name).Distinct().Count()); // one side each
        Assert.Contains(reader.Recordings, x => x.Split != SplitName.Train);
        var train = new NormalizationAccumulator(reader.BinCount);
        var all = new NormalizationAccumulator(reader.BinCount);
        foreach (CachedRecording x in reader.Recordings)
        {
            var features = new float[x.Frames * reader.BinCount];
            reader.ReadFeatures(x, 0, x.Frames, features, normalize: false);
            all.Add(features);
            if (x.Split == SplitName.Train) train.Add(features);
        }
        float[] stored = reader.Parameters.Normalization!.Mean;
        for (int b = 0; b < reader.BinCount; b++) Assert.Equal(train.ToNormalization().Mean[b], stored[b], 3);
        Assert.NotEqual(all.ToNormalization().Mean, stored);
    }

    [Fact]
    public void EmptyFolderIsAClearError()
    {
        using var input = new DatasetFolder();
        using var cache = new DatasetFolder();
        var e = Assert.Throws<InvalidDataException>(() => DatasetImporter.Import(input.Path, cache.Path, new ImportOptions()));
        Assert.Contains("no (wav, mid) pairs", e.Message);
    }
}
