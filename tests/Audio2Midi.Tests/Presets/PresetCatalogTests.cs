using System.Text.Json.Nodes;
using Audio2Midi.Presets;

namespace Audio2Midi.Tests.Presets;

/// <summary>The preset menu from real preset folders: order, names, bad files, a missing folder, and how a saved preset is found again.</summary>
public sealed class PresetCatalogTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "a2m-catalog-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, true);
    }

    internal static string Shipped => Path.Combine(TestPaths.RepositoryRoot, "training", "presets");

    /// <summary>A copy of the live test model (tests/models) under <paramref name="name"/> in <paramref name="folder"/>.</summary>
    internal static string CopyLive(string folder, string file, string name, Action<JsonNode>? edit = null)
    {
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(TestPaths.TestModels, "live-hust-tuned.onnx"), Path.Combine(folder, file + ".onnx"), true);
        JsonNode m = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.TestModels, "live-hust-tuned.json")))!;
        m["name"] = name;
        m["onnx_file"] = file + ".onnx";
        edit?.Invoke(m);
        string path = Path.Combine(folder, file + ".json");
        File.WriteAllText(path, m.ToJsonString());
        return path;
    }

    [Fact]
    public void PyinComesFirstThenShippedThenUserEachSortedByName()
    {
        string user = Path.Combine(_root, "user");
        CopyLive(user, "b", "B model");
        CopyLive(user, "a", "A model");
        var catalog = new PresetCatalog(Shipped, user);
        Assert.Equal(PresetEntry.PyinName, catalog[0].Name);
        Assert.Equal(PresetSource.BuiltIn, catalog[0].Source);
        Assert.False(catalog[0].IsModel);
        PresetEntry[] shipped = catalog.Entries.Where(e => e.Source == PresetSource.Shipped).ToArray();
        Assert.NotEmpty(shipped);
        Assert.All(shipped, e => Assert.StartsWith(Path.GetFullPath(Shipped), e.ManifestPath));
        Assert.Equal(["A model", "B model"], catalog.Entries.Where(e => e.Source == PresetSource.User).Select(e => e.Name));
        Assert.True(catalog.IndexOf("A model") > catalog.IndexOf(shipped[^1].Name));
        Assert.Empty(catalog.Problems);
        PresetEntry a = catalog.Find("a model")!;
        Assert.Equal("live", a.Kind);
        Assert.True(a.Live);
        Assert.Equal(32, a.LatencyMs, 1);
        Assert.Equal(64, a.Sha256!.Length);
    }

    /// <summary>A rescan (the window's "Rescan") appends what is new and moves nothing, so every program index stays valid.</summary>
    [Fact]
    public void ARescanAppendsNewPresetsAndKeepsEveryIndex()
    {
        string user = Path.Combine(_root, "user");
        CopyLive(user, "b", "B model");
        var before = new PresetCatalog(Shipped, user);
        Assert.Same(before, before.Extended(new PresetCatalog(Shipped, user)));   // nothing new: the same menu

        CopyLive(user, "a", "A model");                       // sorts before B in a fresh scan
        CopyLive(user, "c", "B model");                       // a name that is taken
        File.Delete(Path.Combine(user, "b.json"));            // a preset removed: it stays listed
        File.WriteAllText(Path.Combine(user, "broken.json"), "{ not json");
        PresetCatalog after = before.Extended(new PresetCatalog(Shipped, user));

        Assert.Equal(before.Count + 2, after.Count);
        Assert.Equal(before.Entries, after.Entries.Take(before.Count));
        Assert.Equal(["A model", "B model (user)"], after.Entries.Skip(before.Count).Select(e => e.Name));
        Assert.Equal(Path.GetFullPath(Path.Combine(user, "c.json")), after.Find("B model (user)")!.ManifestPath);
        Assert.Contains(after.Problems, p => p.Contains("broken.json", StringComparison.Ordinal));
        Assert.Empty(before.Problems);
        Assert.Same(after, after.Extended(new PresetCatalog(Shipped, user)));
    }

    [Fact]
    public void AMissingUserFolderIsNoProblem()
    {
        var catalog = new PresetCatalog(Shipped, Path.Combine(_root, "never-made"));
        Assert.True(catalog.Count >= 2);
        Assert.Empty(catalog.Problems);
        Assert.DoesNotContain(catalog.Entries, e => e.Source == PresetSource.User);
        Assert.Single(new PresetCatalog(null, null).Entries);
    }

    [Fact]
    public void AUserPresetWithATakenNameIsMarkedAsTheUsers()
    {
        string user = Path.Combine(_root, "user");
        string shippedName = new PresetCatalog(Shipped, null).Entries[1].Name;
        CopyLive(user, "mine", shippedName);
        var catalog = new PresetCatalog(Shipped, user);
        Assert.Equal(PresetSource.User, catalog.Find(shippedName + " (user)")!.Source);
        Assert.Equal(PresetSource.Shipped, catalog.Find(shippedName)!.Source);
    }

    [Fact]
    public void BadFilesAreSkippedWithTheirNameAndANewerFormatIsListed()
    {
        string user = Path.Combine(_root, "user");
        CopyLive(user, "good", "Good");
        CopyLive(user, "newer", "From the future", m => m["format"] = 42);
        CopyLive(user, "noname", "", m => m.AsObject().Remove("name"));
        File.WriteAllText(Path.Combine(user, "junk.json"), "{ not json");
        var catalog = new PresetCatalog(null, user);
        Assert.Equal([PresetEntry.PyinName, "From the future", "Good"], catalog.Entries.Select(e => e.Name));
        Assert.Equal("newer format", catalog.Find("From the future")!.Kind);
        Assert.Equal(3, catalog.Problems.Count);
        Assert.Contains(catalog.Problems, p => p.StartsWith(Path.Combine(user, "junk.json"), StringComparison.Ordinal));
        Assert.Contains(catalog.Problems, p => p.Contains("newer than this build", StringComparison.Ordinal));
    }

    [Fact]
    public void ASavedPresetIsFoundByNameAndContentThenByContentThenByName()
    {
        string user = Path.Combine(_root, "user");
        CopyLive(user, "renamed", "Renamed model");
        CopyLive(user, "retrained", "Retrained model", m => m["onnx_sha256"] = new string('0', 64));
        var catalog = new PresetCatalog(null, user);
        string sha = catalog.Find("Renamed model")!.Sha256!;
        Assert.Equal(catalog.IndexOf("Renamed model"), catalog.Resolve("Renamed model", sha));
        Assert.Equal(catalog.IndexOf("Renamed model"), catalog.Resolve("Old name", sha));
        Assert.Equal(catalog.IndexOf("Retrained model"), catalog.Resolve("Retrained model", new string('f', 64)));
        Assert.Equal(0, catalog.Resolve(PresetEntry.PyinName, null));
        Assert.Equal(-1, catalog.Resolve("Not here", new string('e', 64)));
    }

    [Fact]
    public void InstallCopiesAGoodModelAndRefusesABadOne()
    {
        string source = Path.Combine(_root, "export");
        string manifest = CopyLive(source, "mine", "Mine");
        string user = Path.Combine(_root, "user");
        string installed = PresetInstaller.Install(Path.ChangeExtension(manifest, ".onnx"), user);
        Assert.Equal(Path.Combine(user, "mine.json"), installed);
        Assert.Equal(File.ReadAllBytes(Path.Combine(source, "mine.onnx")), File.ReadAllBytes(Path.Combine(user, "mine.onnx")));
        Assert.Equal("Mine", new PresetCatalog(null, user).Entries[1].Name);

        File.WriteAllBytes(Path.Combine(source, "mine.onnx"), [1, 2, 3]);
        var e = Assert.Throws<InvalidDataException>(() => PresetInstaller.Install(manifest, Path.Combine(_root, "other")));
        Assert.Contains("SHA-256", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_root, "other")));
    }
}
