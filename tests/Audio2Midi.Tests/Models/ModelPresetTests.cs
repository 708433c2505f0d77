using System.Security.Cryptography;
using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Training.Models;
using Audio2Midi.Training.Onnx;

namespace Audio2Midi.Tests.Models;

/// <summary>A model and its manifest load only when they are what they claim; every other case is an error naming the file.</summary>
[Collection("Torch")]
public sealed class ModelPresetTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"a2m-preset-{Guid.NewGuid():N}");
    private readonly string _onnx;
    private readonly ModelManifest _manifest;

    public ModelPresetTests()
    {
        Directory.CreateDirectory(_dir);
        _onnx = Path.Combine(_dir, "m.onnx");
        using IFrameNetwork network = OnnxExportTests.Network(ModelKind.Live);
        byte[] bytes = ModelExporter.ToOnnx(network, "m");
        File.WriteAllBytes(_onnx, bytes);
        var cqt = new CqtSettings { BinCount = 36, BinsPerOctave = 12 };
        _manifest = new ModelManifest
        {
            Name = "m",
            Kind = "live",
            Live = true,
            OnnxFile = "m.onnx",
            OnnxSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Features = new FeatureParameters { Cqt = cqt, Normalization = FeatureNormalization.Identity(36) },
            MinPitch = network.Layout.MinPitch,
            Pitches = network.Layout.Pitches,
            TrainedOn = ["nothing (random weights)"],
        };
        ModelManifestJson.Write(Path.Combine(_dir, "m.json"), _manifest);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string ManifestPath => Path.Combine(_dir, "m.json");

    [Fact]
    public void AGoodPresetLoadsFromEitherFileAndRoundTrips()
    {
        using ModelPreset a = ModelPreset.Load(_onnx);
        using ModelPreset b = ModelPreset.Load(ManifestPath);
        Assert.True(a.Model.Streams);
        Assert.Equal(_manifest.OnnxSha256, b.Manifest.OnnxSha256);
        Assert.Equal(ModelManifestJson.ToJson(_manifest), ModelManifestJson.ToJson(ModelManifestJson.Parse(ModelManifestJson.ToJson(_manifest))));
        Assert.Equal(32, a.Manifest.LatencyMs, 6);
    }

    [Fact]
    public void TruncatedOnnxIsCaughtByItsHash()
    {
        byte[] bytes = File.ReadAllBytes(_onnx);
        File.WriteAllBytes(_onnx, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => ModelPreset.Load(_onnx));
        Assert.Contains("m.onnx", e.Message);
        Assert.Contains("SHA-256", e.Message);
    }

    [Fact]
    public void CorruptOnnxWithAMatchingHashIsRefusedByTheRuntime()
    {
        byte[] junk = Enumerable.Range(0, 5000).Select(i => (byte)(i * 31)).ToArray();
        File.WriteAllBytes(_onnx, junk);
        ModelManifestJson.Write(ManifestPath, _manifest with { OnnxSha256 = Convert.ToHexStringLower(SHA256.HashData(junk)) });
        var e = Assert.Throws<InvalidDataException>(() => ModelPreset.Load(_onnx));
        Assert.Contains("ONNX Runtime cannot load it", e.Message);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"format\": 1}")]
    [InlineData("")]
    public void CorruptManifestIsAnErrorNamingIt(string text)
    {
        File.WriteAllText(ManifestPath, text);
        var e = Assert.Throws<InvalidDataException>(() => ModelPreset.Load(_onnx));
        Assert.StartsWith(ManifestPath, e.Message);
    }

    [Fact]
    public void NewerManifestFormatIsRefused()
    {
        File.WriteAllText(ManifestPath, ModelManifestJson.ToJson(_manifest).Replace("\"format\": 1", "\"format\": 2"));
        var e = Assert.Throws<InvalidDataException>(() => ModelPreset.Load(_onnx));
        Assert.Contains("newer than this build reads", e.Message);
    }

    [Fact]
    public void ManifestThatDisagreesWithTheModelIsRefused()
    {
        ModelManifestJson.Write(ManifestPath, _manifest with { Pitches = _manifest.Pitches + 1 });
        var e = Assert.Throws<InvalidDataException>(() => ModelPreset.Load(_onnx));
        Assert.Contains("manifest implies", e.Message);
        File.Delete(ManifestPath);
        Assert.Contains("missing", Assert.Throws<InvalidDataException>(() => ModelPreset.Load(_onnx)).Message);
    }
}
