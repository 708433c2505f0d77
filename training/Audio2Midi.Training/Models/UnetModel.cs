using Audio2Midi.Models;
using Audio2Midi.Training.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Audio2Midi.Training.Models;

/// <summary>
/// The seed's 1-D U-Net over time: centred convolutions and a projection per frame, then two levels of
/// (convolution, halve the frame rate) down, a bottleneck, and (double the frame rate, join the skip, convolution)
/// up, then the heads. Each frame sees a neighbourhood that grows with depth in both directions, so it is windowed;
/// it is exported for the training window (a multiple of 4 frames).
/// </summary>
public sealed class UnetModel : FrameNetwork
{
    private const int Levels = 2;
    private readonly ConvolutionFront _front;
    private readonly Linear _projection;
    private readonly Dropout _dropout;
    private readonly ModuleList<Conv1d> _down = new(), _up = new();
    private readonly ModuleList<ConvTranspose1d> _rise = new();
    private readonly Conv1d _bottom;
    private readonly Linear _head;

    public UnetModel(ModelConfig config, int bins, PosteriorLayout layout, int windowFrames) : base("unet", config, bins, layout, windowFrames)
    {
        if (windowFrames % (1 << Levels) != 0) throw new ArgumentOutOfRangeException(nameof(windowFrames), windowFrames, $"the U-Net's window must be a multiple of {1 << Levels} frames");
        int w = config.Hidden;
        _front = new ConvolutionFront(config, bins, causal: false);
        _projection = nn.Linear(_front.OutputWidth, w);
        _dropout = nn.Dropout(config.Dropout);
        for (int i = 0; i < Levels; i++)
        {
            _down.Add(nn.Conv1d(w, w, 3, padding: 1));
            _rise.Add(nn.ConvTranspose1d(w, w, 2, stride: 2));
            _up.Add(nn.Conv1d(2 * w, w, 3, padding: 1));
        }
        _bottom = nn.Conv1d(w, w, 3, padding: 1);
        _head = nn.Linear(w, layout.Size);
        RegisterComponents();
    }

    public override bool Streams => false;

    public override Tensor forward(Tensor x)
    {
        if (x.shape[1] % (1 << Levels) != 0) throw new ArgumentException($"the U-Net takes a multiple of {1 << Levels} frames, got {x.shape[1]}");
        Tensor h = _dropout.forward(Encode(_front, _projection, x)).permute(0, 2, 1); // [batch, width, frames]
        var skips = new List<Tensor>();
        for (int i = 0; i < Levels; i++)
        {
            h = nn.functional.relu(_down[i].forward(h));
            skips.Add(h);
            h = nn.functional.max_pool1d(h, 2);
        }
        h = nn.functional.relu(_bottom.forward(h));
        for (int i = Levels - 1; i >= 0; i--)
        {
            h = _rise[i].forward(h);
            h = nn.functional.relu(_up[i].forward(cat([h, skips[i]], 1)));
        }
        return _head.forward(_dropout.forward(h.permute(0, 2, 1)));
    }

    public override void Export(OnnxGraph g)
    {
        g.Input(ModelTensorNames.Features, 1, LookAheadFrames, Bins);
        string h = ExportEncoding(g, _front, _projection, ModelTensorNames.Features, null);
        h = g.Op("Transpose", [h], OnnxGraph.Ints("perm", 0, 2, 1));
        string Conv(string input, Conv1d c, string name) =>
            g.Op("Relu", g.Op("Conv", [input, g.Weight(name + ".weight", c.weight!), g.Weight(name + ".bias", c.bias!)], OnnxGraph.Ints("kernel_shape", 3), OnnxGraph.Ints("pads", 1, 1)));
        var skips = new List<string>();
        for (int i = 0; i < Levels; i++)
        {
            h = Conv(h, _down[i], $"down{i}");
            skips.Add(h);
            h = g.Op("MaxPool", [h], OnnxGraph.Ints("kernel_shape", 2), OnnxGraph.Ints("strides", 2));
        }
        h = Conv(h, _bottom, "bottom");
        for (int i = Levels - 1; i >= 0; i--)
        {
            h = g.Op("ConvTranspose", [h, g.Weight($"rise{i}.weight", _rise[i].weight!), g.Weight($"rise{i}.bias", _rise[i].bias!)], OnnxGraph.Ints("kernel_shape", 2), OnnxGraph.Ints("strides", 2));
            h = Conv(g.Op("Concat", [h, skips[i]], OnnxGraph.Int("axis", 1)), _up[i], $"up{i}");
        }
        h = g.Op("Transpose", [h], OnnxGraph.Ints("perm", 0, 2, 1));
        PosteriorHead.Export(g, g.Linear(h, _head.weight!, _head.bias, "head"), Layout);
        g.Output(ModelTensorNames.Posteriors, 1, LookAheadFrames, Layout.Size);
    }
}
