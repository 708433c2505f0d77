using Audio2Midi.Models;
using Audio2Midi.Training.Models;
using Audio2Midi.Training.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Audio2Midi.Tests.Models;

/// <summary>Every model kind exported to ONNX and run by the real ONNX Runtime equals its TorchSharp forward.</summary>
[Collection("Torch")]
public sealed class OnnxExportTests
{
    private const int Bins = 36;
    private static readonly PosteriorLayout Layout = new(40, 6);

    internal static IFrameNetwork Network(ModelKind kind, int seed = 3)
    {
        torch.set_num_threads(1);
        torch.manual_seed(seed);
        var config = new ModelConfig { Kind = kind, ConvChannels = 4, Hidden = 12, Depth = 2, Dropout = 0.1, FrequencyKernel = 5, TimeKernel = 3, FrequencyPool = 3 };
        IFrameNetwork network = NetworkFactory.Create(config, Bins, Layout, windowFrames: 48);
        network.Module.eval();
        return network;
    }

    internal static float[] RandomFeatures(int frames, int seed, int bins = Bins)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, frames * bins).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
    }

    internal static float[] TorchPosteriors(IFrameNetwork network, float[] features, int frames)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor x = torch.tensor(features, [1, frames, Bins]);
        return PosteriorHead.Apply(network.Module.forward(x), network.Layout).data<float>().ToArray();
    }

    [Theory]
    [InlineData(ModelKind.Live)]
    [InlineData(ModelKind.Crnn)]
    [InlineData(ModelKind.Transformer)]
    [InlineData(ModelKind.Unet)]
    public void OnnxRuntimeEqualsTorchSharpOnRandomInput(ModelKind kind)
    {
        using IFrameNetwork network = Network(kind);
        const int frames = 48;
        float[] features = RandomFeatures(frames, 11);
        float[] expected = TorchPosteriors(network, features, frames);
        using var model = new OnnxFrameModel("test.onnx", ModelExporter.ToOnnx(network, "test"));
        Assert.Equal(Layout.Size, model.OutputSize);
        Assert.Equal(kind == ModelKind.Live, model.Streams);
        float[] actual = model.RunFrames(features, frames);
        Assert.Equal(expected.Length, actual.Length);
        double worst = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst < 1e-4, $"largest difference {worst}");
        Assert.True(expected.Max() - expected.Min() > 0.05, "the posteriors should vary");
    }

    [Fact]
    public void StreamingExportFrameByFrameEqualsWholeWindow()
    {
        using IFrameNetwork network = Network(ModelKind.Live);
        const int frames = 40;
        float[] features = RandomFeatures(frames, 5);
        using var model = new OnnxFrameModel("test.onnx", ModelExporter.ToOnnx(network, "test"));
        float[] whole = model.RunFrames(features, frames);
        model.Reset();
        var step = new float[Layout.Size];
        double worst = 0;
        for (int t = 0; t < frames; t++)
        {
            model.Step(features.AsSpan(t * Bins, Bins), step);
            for (int i = 0; i < step.Length; i++) worst = Math.Max(worst, Math.Abs(step[i] - whole[t * Layout.Size + i]));
        }
        Assert.True(worst < 1e-5, $"largest difference {worst}");
        // And the torch forward agrees with the streamed frames (the export is causal exactly where the network is).
        float[] torchWhole = TorchPosteriors(network, features, frames);
        Assert.True(torchWhole.Zip(whole, (a, b) => Math.Abs(a - b)).Max() < 1e-4);
    }

    [Fact]
    public void LiveNetworkIsCausal()
    {
        using IFrameNetwork network = Network(ModelKind.Live);
        const int frames = 30;
        float[] a = RandomFeatures(frames, 1), b = (float[])a.Clone();
        for (int i = 20 * Bins; i < b.Length; i++) b[i] += 1.5f; // change the future from frame 20 on
        float[] pa = TorchPosteriors(network, a, frames), pb = TorchPosteriors(network, b, frames);
        for (int i = 0; i < 20 * Layout.Size; i++) Assert.Equal(pa[i], pb[i], 6);
        Assert.NotEqual(pa[25 * Layout.Size], pb[25 * Layout.Size]);
    }
}
