using Audio2Midi.Models;
using Audio2Midi.Training.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Audio2Midi.Training.Models;

/// <summary>
/// What every network kind shares: its shape, input width, output layout and look-ahead, and the first stage of its
/// forward pass (the convolution front, then a projection with ReLU), in torch and in ONNX. The modules stay fields of
/// each kind, so checkpoint parameter names do not depend on this class.
/// </summary>
public abstract class FrameNetwork : nn.Module<Tensor, Tensor>, IFrameNetwork
{
    protected FrameNetwork(string name, ModelConfig config, int bins, PosteriorLayout layout, int lookAheadFrames) : base(name)
    {
        config.Validate(bins);
        Config = config;
        Bins = bins;
        Layout = layout;
        LookAheadFrames = lookAheadFrames;
    }

    public ModelConfig Config { get; }

    public int Bins { get; }

    public PosteriorLayout Layout { get; }

    public int LookAheadFrames { get; }

    public abstract bool Streams { get; }

    public nn.Module<Tensor, Tensor> Module => this;

    public abstract void Export(OnnxGraph graph);

    /// <summary>relu(projection(front(x))): [batch, frames, bins] -> [batch, frames, width].</summary>
    protected static Tensor Encode(ConvolutionFront front, Linear projection, Tensor x) => nn.functional.relu(projection.forward(front.forward(x)));

    /// <summary>The same in ONNX (<paramref name="states"/> as for <see cref="ConvolutionFront.Export"/>).</summary>
    protected static string ExportEncoding(OnnxGraph g, ConvolutionFront front, Linear projection, string features, (string In, string Out)[]? states) =>
        g.Op("Relu", g.Linear(front.Export(g, features, states), projection.weight!, projection.bias, "projection"));
}
