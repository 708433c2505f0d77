using System.CommandLine;
using Audio2Midi.Training.Datasets;

namespace Audio2Midi.Training.Commands;

/// <summary>
/// `--split` and where its recordings come from: a dataset cache's split (`--cache`), or, without a cache, the folder
/// split by recording the way `a2m train-f0` and `a2m dataset import` split it (`--seed`, `--validation`, `--test`,
/// their defaults). So an f0 model's own validation and test takes are named without importing a cache, which needs
/// NAME.mid files and computes spectral features an f0 model does not use.
/// </summary>
public sealed class SplitOptions
{
    private static readonly ImportOptions Defaults = new();
    private const string TrainF0Suffix = ".notes.csv";

    /// <param name="required">The split when none is given (null: every recording).</param>
    public SplitOptions(string? required = null)
    {
        Split = new Option<string?>("--split")
        {
            Description = "Only the recordings of this split (train, validation or test): the cache's (--cache), or else the folder split by recording as train-f0 splits it (--seed, --validation, --test).",
            DefaultValueFactory = _ => required,
        };
    }

    public Option<string?> Split { get; }

    public Option<DirectoryInfo?> Cache { get; } = new("--cache") { Description = "Dataset cache whose split --split names (from `a2m dataset import`)." };

    public Option<int> Seed { get; } = new("--seed") { Description = "Without --cache: the split's seed, as given to train-f0 or dataset import.", DefaultValueFactory = _ => Defaults.Seed };

    public Option<double> Validation { get; } = new("--validation") { Description = "Without --cache: the fraction of recordings in validation, as given to train-f0.", DefaultValueFactory = _ => Defaults.ValidationFraction };

    public Option<double> Test { get; } = new("--test") { Description = "Without --cache: the fraction of recordings held out for test, as given to train-f0.", DefaultValueFactory = _ => Defaults.TestFraction };

    public IEnumerable<Option> All => [Split, Cache, Seed, Validation, Test];

    /// <summary>The chosen split's names as a filter; null when no split is asked for.</summary>
    /// <param name="folder">The recordings, split when there is no cache: those with NAME.notes.csv as train-f0 splits them, or with none of those, those with NAME + <paramref name="referenceSuffix"/>.</param>
    public Func<string, bool>? Filter(ParseResult parse, string folder, string referenceSuffix)
    {
        string? split = parse.GetValue(Split);
        DirectoryInfo? cache = parse.GetValue(Cache);
        if (split is null)
        {
            if (cache is not null) throw new ArgumentException("--cache names where --split's recordings come from: give --split too");
            return null;
        }
        SplitName name = Parse(split);
        if (cache is not null)
        {
            using CacheReader reader = CacheReader.Open(cache.FullName);
            return reader.Recordings.Where(r => r.Split == name).Select(r => r.Name).ToHashSet().Contains;
        }
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such folder");
        // train-f0 splits the takes that have NAME.notes.csv; a folder without any (a2m synth's NAME.mid) is split by its references.
        string[] wavs = Directory.GetFiles(folder, "*.wav").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToArray();
        string[] names = wavs.Where(n => File.Exists(Path.Combine(folder, n + TrainF0Suffix))).ToArray();
        if (names.Length == 0) names = wavs.Where(n => File.Exists(Path.Combine(folder, n + referenceSuffix))).ToArray();
        Dictionary<string, SplitName> assigned = DatasetSplit.Assign(names, parse.GetValue(Seed), parse.GetValue(Validation), parse.GetValue(Test));
        var chosen = assigned.Where(p => p.Value == name).Select(p => p.Key).ToHashSet();
        if (chosen.Count == 0) throw new ArgumentException($"{folder}: the {split} split of its {names.Length} recordings (seed {parse.GetValue(Seed)}) is empty");
        return chosen.Contains;
    }

    private static SplitName Parse(string split) =>
        Enum.TryParse(split, ignoreCase: true, out SplitName name) && Enum.IsDefined(name) && !int.TryParse(split, out _)
            ? name
            : throw new ArgumentException($"--split {split}: use train, validation or test");
}
