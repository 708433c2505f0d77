using Audio2Midi.Models;

namespace Audio2Midi.Presets;

/// <summary>
/// The preset menu: the built-in pYIN engine first, then the shipped presets, then the user's, each group sorted by
/// name. Every <c>*.json</c> in a folder that parses as a model manifest is a preset; anything else is skipped with a
/// line in <see cref="Problems"/> (a missing folder is no problem: a user who installed nothing has none). A user
/// preset whose name is taken gets " (user)" appended. Reads manifests only: a preset's ONNX file is opened and
/// checked when it is selected (<see cref="ModelPreset.Load"/>), so one bad model cannot hide the others.
/// </summary>
public sealed class PresetCatalog
{
    private readonly List<PresetEntry> _entries = [PresetEntry.Pyin];
    private readonly List<string> _problems = [];

    public PresetCatalog(string? shippedFolder, string? userFolder)
    {
        ShippedFolder = shippedFolder;
        UserFolder = userFolder;
        Scan(shippedFolder, PresetSource.Shipped);
        // No hybrid preset is listed: the live model's notes named by pYIN measured worse than either alone on the
        // hust-solfege validation split (docs/plugin.md, Presets); `a2m evaluate --pyin-pitch` runs it.
        Scan(userFolder, PresetSource.User);
    }

    private PresetCatalog(PresetCatalog kept)
    {
        ShippedFolder = kept.ShippedFolder;
        UserFolder = kept.UserFolder;
        _entries = [.. kept._entries];
    }

    /// <summary>
    /// This menu with the presets a newer scan of the same folders (<paramref name="fresh"/>) found and this one does
    /// not have (by manifest file) appended, under names unique here; <paramref name="fresh"/>'s problems are its
    /// problems. Nothing moves and nothing goes: a preset's index, which hosts and automation know it by, stays
    /// valid (a preset whose files were removed stays listed, and selecting it reports them missing). This instance
    /// is returned when nothing is new.
    /// </summary>
    public PresetCatalog Extended(PresetCatalog fresh)
    {
        var known = new HashSet<string>(_entries.Where(e => e.ManifestPath is not null).Select(e => e.ManifestPath!), StringComparer.Ordinal);
        PresetEntry[] added = fresh._entries.Where(e => e.ManifestPath is not null && !known.Contains(e.ManifestPath)).ToArray();
        if (added.Length == 0) return this;
        var extended = new PresetCatalog(this);
        extended._problems.AddRange(fresh._problems);
        foreach (PresetEntry entry in added) extended._entries.Add(entry with { Name = extended.UniqueName(entry) });
        return extended;
    }

    public string? ShippedFolder { get; }

    public string? UserFolder { get; }

    public IReadOnlyList<PresetEntry> Entries => _entries;

    /// <summary>Files that looked like presets and are not, one line each naming the file.</summary>
    public IReadOnlyList<string> Problems => _problems;

    public int Count => _entries.Count;

    public PresetEntry this[int index] => _entries[index];

    /// <summary>
    /// The shipped preset new plugin instances, `a2m transcribe` and `a2m evaluate` run when none is chosen: the f0 note
    /// model, above pYIN at every Latency step on vocadito and on the held-out hust-solfege recordings (README).
    /// </summary>
    public const string DefaultName = "F0 notes (hust + synth)";

    /// <summary>The default preset's index: <see cref="DefaultName"/> if it was shipped here, else pYIN (0).</summary>
    public int DefaultIndex => _entries.FindIndex(e => e.Source == PresetSource.Shipped && e.Name == DefaultName) is int i and >= 0 ? i : 0;

    public int IndexOf(string name) => _entries.FindIndex(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    public PresetEntry? Find(string name) => IndexOf(name) is int i and >= 0 ? _entries[i] : null;

    /// <summary>
    /// The preset a saved state names: the same name and content first, then the same content under another name (it
    /// was renamed), then the same name with other content (it was retrained). -1 when neither is here.
    /// </summary>
    public int Resolve(string name, string? sha256)
    {
        if (sha256 is { Length: > 0 })
        {
            int exact = _entries.FindIndex(e => e.Name == name && string.Equals(e.Sha256, sha256, StringComparison.OrdinalIgnoreCase));
            if (exact >= 0) return exact;
            int renamed = _entries.FindIndex(e => string.Equals(e.Sha256, sha256, StringComparison.OrdinalIgnoreCase));
            if (renamed >= 0) return renamed;
        }
        int byName = _entries.FindIndex(e => e.Name == name);
        return byName >= 0 ? byName : IndexOf(name);
    }

    /// <summary>The name of a manifest written by a newer Audio2Midi (its format above ours), or null.</summary>
    private static string? NewerFormatName(string file)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
            System.Text.Json.JsonElement r = doc.RootElement;
            return r.TryGetProperty("format", out var f) && f.TryGetInt32(out int format) && format > ModelManifest.CurrentFormat
                && r.TryGetProperty("name", out var n) && n.GetString() is { Length: > 0 } name ? name : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    private void Scan(string? folder, PresetSource source)
    {
        if (folder is null || !Directory.Exists(folder)) return;
        string[] files;
        try
        {
            files = Directory.GetFiles(folder, "*" + ModelManifest.Extension);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _problems.Add($"{folder}: cannot list presets ({e.Message})");
            return;
        }
        var found = new List<PresetEntry>();
        foreach (string file in files.Order(StringComparer.Ordinal))
        {
            try
            {
                ModelManifest m = ModelManifestJson.Read(file);
                found.Add(PresetEntry.FromManifest(file, m, source));
            }
            catch (InvalidDataException e) when (NewerFormatName(file) is string name)
            {
                // Listed so the user sees it; selecting it says that it needs a newer Audio2Midi.
                found.Add(new PresetEntry(name, "newer format", true, 0, source, Path.GetFullPath(file), null));
                _problems.Add(e.Message);
            }
            catch (InvalidDataException e)
            {
                _problems.Add(e.Message);
            }
        }
        foreach (PresetEntry entry in found.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)) _entries.Add(entry with { Name = UniqueName(entry) });
    }

    /// <summary>The entry's name, or, where it is taken, the name with " (user)" (or the file's name) and then a number.</summary>
    private string UniqueName(PresetEntry entry)
    {
        string name = entry.Name;
        if (IndexOf(name) >= 0) name += entry.Source == PresetSource.User ? " (user)" : $" ({Path.GetFileNameWithoutExtension(entry.ManifestPath)})";
        for (int n = 2; IndexOf(name) >= 0; n++) name = $"{entry.Name} ({n})";
        return name;
    }
}
