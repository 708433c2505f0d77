using System.Text.RegularExpressions;

namespace Audio2Midi.Training.Datasets;

/// <summary>
/// Finds (wav, mid) pairs in a folder: same stem (take.wav + take.mid), or the seed's naming
/// (voice_001.wav + midi_001.mid). Files left without a partner are reported, not dropped silently.
/// </summary>
public static partial class PairFinder
{
    public static (List<RecordingPair> Pairs, List<string> Unpaired) Find(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"{directory}: no such folder");
        var wavs = Directory.EnumerateFiles(directory).Where(f => f.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        var mids = Directory.EnumerateFiles(directory).Where(f => f.EndsWith(".mid", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".midi", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        var midByStem = mids.GroupBy(m => Path.GetFileNameWithoutExtension(m), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var pairs = new List<RecordingPair>();
        var unpaired = new List<string>();
        foreach (string wav in wavs)
        {
            string stem = Path.GetFileNameWithoutExtension(wav);
            string? mid = midByStem.GetValueOrDefault(stem);
            if (mid is null && SeedVoice().Match(stem) is { Success: true } m)
                mid = midByStem.GetValueOrDefault("midi_" + m.Groups[1].Value);
            if (mid is null || !used.Add(mid))
            {
                unpaired.Add($"{wav}: no matching .mid (looked for {stem}.mid" + (SeedVoice().IsMatch(stem) ? $" and midi_{SeedVoice().Match(stem).Groups[1].Value}.mid)" : ")"));
                continue;
            }
            pairs.Add(new RecordingPair(stem, wav, mid));
        }
        foreach (string mid in mids.Where(m => !used.Contains(m)))
            unpaired.Add($"{mid}: no matching .wav");
        return (pairs, unpaired);
    }

    [GeneratedRegex("^voice_(.+)$")]
    private static partial Regex SeedVoice();
}
