using Audio2Midi.Training.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Audio2Midi.Training.Models;

/// <summary>
/// Two time-frequency convolutions over log-CQT frames (ReLU after each; max-pooling over frequency between
/// them, so the second works on the coarser grid at a third of the cost), then a flatten to one vector per frame. Causal: each frame sees only itself and the frames before it (zero history
/// at the start), so the export can carry those frames as explicit state. Centred: as many frames ahead as back.
/// </summary>
public sealed class ConvolutionFront : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d _first;
    private readonly Conv2d _second;
    private readonly ModelConfig _config;
    private readonly bool _causal;

    public ConvolutionFront(ModelConfig config, int bins, bool causal) : base("front")
    {
        _config = config;
        _causal = causal;
        Bins = bins;
        int kf = config.FrequencyKernel, kt = config.TimeKernel;
        long timePad = causal ? 0 : kt / 2;
        _first = nn.Conv2d(1, config.ConvChannels, (kt, kf), padding: (timePad, kf / 2));
        _second = nn.Conv2d(config.ConvChannels, config.ConvChannels, (kt, kf), padding: (timePad, kf / 2));
        RegisterComponents();
    }

    public int Bins { get; }

    /// <summary>Width of the per-frame vector it produces.</summary>
    public int OutputWidth => _config.ConvChannels * Bins / _config.FrequencyPool;

    /// <summary>Frames of history each convolution keeps when streaming.</summary>
    public int HistoryFrames => _config.TimeKernel - 1;

    /// <summary>[batch, frames, bins] -> [batch, frames, OutputWidth].</summary>
    public override Tensor forward(Tensor x)
    {
        long batch = x.shape[0], frames = x.shape[1];
        Tensor h = x.unsqueeze(1);
        h = nn.functional.relu(_first.forward(CausalPad(h)));
        if (_config.FrequencyPool > 1) h = nn.functional.max_pool2d(h, [1, _config.FrequencyPool], [1, _config.FrequencyPool]);
        h = nn.functional.relu(_second.forward(CausalPad(h)));
        return h.permute(0, 2, 1, 3).reshape(batch, frames, OutputWidth);
    }

    /// <summary>
    /// The same in ONNX. <paramref name="features"/> is [1, frames, bins]. For the causal front,
    /// <paramref name="states"/> names the two history inputs ([1, 1, k-1, bins] and [1, C, k-1, bins / pool]) and the
    /// outputs that receive the updated history; null for the centred front (whole window, no state).
    /// </summary>
    public string Export(OnnxGraph g, string features, (string In, string Out)[]? states)
    {
        int kf = _config.FrequencyKernel, kt = _config.TimeKernel;
        long timePad = _causal ? 0 : kt / 2;
        string h = g.Op("Unsqueeze", features, g.Int64s("axis1", 1));
        Conv2d[] convs = [_first, _second];
        for (int i = 0; i < 2; i++)
        {
            if (states is not null)
            {
                h = g.Op("Concat", [states[i].In, h], OnnxGraph.Int("axis", 2));
                g.Node("Slice", [h, g.Int64s("starts", -HistoryFrames), g.Int64s("ends", long.MaxValue), g.Int64s("axes", 2)], 1, [states[i].Out]);
            }
            h = g.Op("Conv", [h, g.Weight($"conv{i + 1}.weight", convs[i].weight!), g.Weight($"conv{i + 1}.bias", convs[i].bias!)],
                OnnxGraph.Ints("kernel_shape", kt, kf), OnnxGraph.Ints("pads", timePad, kf / 2, timePad, kf / 2));
            h = g.Op("Relu", h);
            if (i == 0 && _config.FrequencyPool > 1)
                h = g.Op("MaxPool", [h], OnnxGraph.Ints("kernel_shape", 1, _config.FrequencyPool), OnnxGraph.Ints("strides", 1, _config.FrequencyPool));
        }
        h = g.Op("Transpose", [h], OnnxGraph.Ints("perm", 0, 2, 1, 3));
        return g.Op("Reshape", h, g.Int64s("shape", 0, -1, OutputWidth));
    }

    private Tensor CausalPad(Tensor h) => _causal ? nn.functional.pad(h, [0, 0, HistoryFrames, 0]) : h;
}
