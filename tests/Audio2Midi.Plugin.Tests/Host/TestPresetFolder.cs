using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Audio2Midi.Presets;

namespace Audio2Midi.Plugin.Tests.Host;

/// <summary>
/// The tests' own per-user preset folder, made before anything reads the preset menu and named to both the managed
/// code and the native plugin through <see cref="PresetFolders.OverrideVariable"/> (<see cref="ProcessEnvironment"/>). It holds
/// the two test models (tests/models: a live CQT model and a windowed CRNN, trained but not on the shipped menu), one
/// more good user preset (a copy of the live test model under another name) and one of each kind of bad preset, so the
/// menu the tests see does not depend on what the machine has installed, and the plugin log goes beside it.
/// </summary>
internal static class TestPresetFolder
{
    public const string UserModel = "Test user live model";
    public const string Truncated = "Test truncated model";
    public const string Corrupt = "Test corrupt model";
    public const string Newer = "Test newer-format model";
    public const string MissingOnnx = "Test model without its ONNX file";

    public static string Root { get; private set; } = "";

    public static string Folder => Path.Combine(Root, "Audio2Midi", "presets");

    public static string LogPath => Path.Combine(Root, "Audio2Midi", "plugin.log");

    /// <summary>The log's lines, the rotated old log's first (a line may have moved there).</summary>
    public static IEnumerable<string> LogLines() =>
        new[] { LogPath + ".1", LogPath }.Where(File.Exists).SelectMany(File.ReadAllLines);

    private static string TestModels => Path.Combine(BundleFixture.RepositoryRoot, "tests", "models");

    public static string LiveModelManifest => Path.Combine(TestModels, "live-hust-tuned.json");

    private static string AccurateModelManifest => Path.Combine(TestModels, "crnn-hust-500ms.json");

    /// <summary>The live test model's menu name (a streaming CQT model, installed as a user preset).</summary>
    public static string LiveModel { get; } = NameIn(LiveModelManifest);

    /// <summary>The windowed ("accurate") test model's menu name (installed as a user preset).</summary>
    public static string AccurateModel { get; } = NameIn(AccurateModelManifest);

    private static string NameIn(string manifest) => (string)JsonNode.Parse(File.ReadAllText(manifest))!["name"]!;

    /// <summary>pYIN, every shipped preset and the two test models: a preset of each engine kind the plugin runs.</summary>
    public static IEnumerable<PresetEntry> EveryEngineKind() =>
        Audio2Midi.Plugin.ProgramList.Catalog.Entries.Where(e => e.Source != PresetSource.User || e.Name == LiveModel || e.Name == AccurateModel);

    [ModuleInitializer]
    internal static void Create()
    {
        Root = Path.Combine(Path.GetTempPath(), $"a2m-plugin-tests-{Environment.ProcessId}");
        if (Directory.Exists(Root)) Directory.Delete(Root, true);
        Directory.CreateDirectory(Folder);
        byte[] onnx = File.ReadAllBytes(LiveModelOnnx);
        string manifest = File.ReadAllText(LiveModelManifest);

        foreach (string model in new[] { LiveModelManifest, AccurateModelManifest })
            foreach (string file in new[] { model, Path.ChangeExtension(model, ".onnx") })
                File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)));
        InstallLiveCopy("user-live", UserModel);
        Write("truncated", Truncated, onnx[..(onnx.Length / 2)], manifest, Sha(onnx));
        byte[] garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        Write("corrupt", Corrupt, garbage, manifest, Sha(garbage));
        Write("newer", Newer, onnx, manifest, Sha(onnx), format: 99);
        Write("no-onnx", MissingOnnx, null, manifest, Sha(onnx));
        File.WriteAllText(Path.Combine(Folder, "not-a-manifest.json"), "{ this is not json");

        ProcessEnvironment.Set(PresetFolders.OverrideVariable, Folder);
    }

    private static string LiveModelOnnx => Path.ChangeExtension(LiveModelManifest, ".onnx");

    /// <summary>
    /// A good user preset: a copy of the live test model named <paramref name="name"/>, written as
    /// <paramref name="file"/>.json and .onnx into the folder (as `a2m export --install` would).
    /// </summary>
    public static void InstallLiveCopy(string file, string name)
    {
        byte[] onnx = File.ReadAllBytes(LiveModelOnnx);
        Write(file, name, onnx, File.ReadAllText(LiveModelManifest), Sha(onnx));
    }

    private static void Write(string file, string name, byte[]? onnx, string manifest, string sha, int format = 1)
    {
        JsonNode m = JsonNode.Parse(manifest)!;
        m["name"] = name;
        m["onnx_file"] = file + ".onnx";
        m["onnx_sha256"] = sha;
        m["format"] = format;
        if (onnx is not null) File.WriteAllBytes(Path.Combine(Folder, file + ".onnx"), onnx);
        File.WriteAllText(Path.Combine(Folder, file + ".json"), m.ToJsonString());
    }

    private static string Sha(byte[] b) => Convert.ToHexStringLower(SHA256.HashData(b));
}
