namespace Audio2Midi.Training.Datasets;

public enum SplitName : byte { Train = 0, Validation = 1, Test = 2 }

/// <summary>
/// Assigns whole recordings (never windows) to train / validation / test, deterministically for a seed:
/// names are sorted, shuffled with the seed, then cut by the fractions. A recording can only land on one side.
/// </summary>
public static class DatasetSplit
{
    public static Dictionary<string, SplitName> Assign(IEnumerable<string> recordingNames, int seed, double validationFraction, double testFraction)
    {
        if (!(validationFraction >= 0 && testFraction >= 0 && validationFraction + testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), "validation + test fractions must be >= 0 and below 1");
        var names = recordingNames.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(names);
        int test = (int)Math.Round(testFraction * names.Length);
        int validation = (int)Math.Round(validationFraction * names.Length);
        // A held-out split that was asked for gets a recording whenever one is left to train on, validation first (training
        // needs it): three takes make train, validation and test.
        if (validationFraction > 0 && validation == 0 && names.Length - test >= 2) validation = 1;
        if (testFraction > 0 && test == 0 && names.Length - validation >= 2) test = 1;
        // Keep at least one training recording whenever there is one.
        while (test + validation >= names.Length && names.Length > 0) { if (test >= validation && test > 0) test--; else if (validation > 0) validation--; else break; }
        var result = new Dictionary<string, SplitName>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
            result[names[i]] = i < test ? SplitName.Test : i < test + validation ? SplitName.Validation : SplitName.Train;
        return result;
    }
}
