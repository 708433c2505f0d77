using Audio2Midi.Models;
using Audio2Midi.Training.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Audio2Midi.Training.Models;

/// <summary>
/// The seed's CRNN: centred convolutions and a bidirectional LSTM over the whole window, then the heads.
/// Every frame depends on the whole window, so it is a windowed model (look-ahead = the window), never live.
/// </summary>
public sealed class CrnnModel : FrameNetwork
{
    private readonly ConvolutionFront _front;
    private readonly Linear _projection;
    private readonly Dropout _dropout;
    private readonly LSTM _lstm;
    private readonly Linear _head;

    public CrnnModel(ModelConfig config, int bins, PosteriorLayout layout, int windowFrames) : base("crnn", config, bins, layout, windowFrames)
    {
        _front = new ConvolutionFront(config, bins, causal: false);
        _projection = nn.Linear(_front.OutputWidth, config.Hidden);
        _dropout = nn.Dropout(config.Dropout);
        _lstm = nn.LSTM(config.Hidden, config.Hidden / 2, config.Depth, batchFirst: true, dropout: config.Depth > 1 ? config.Dropout : 0, bidirectional: true);
        _head = nn.Linear(2 * (config.Hidden / 2), layout.Size);
        RegisterComponents();
    }

    public override bool Streams => false;

    public override Tensor forward(Tensor x)
    {
        Tensor h = _dropout.forward(Encode(_front, _projection, x));
        (Tensor y, Tensor hn, Tensor cn) = _lstm.forward(h);
        hn.Dispose();
        cn.Dispose();
        return _head.forward(_dropout.forward(y));
    }

    public override void Export(OnnxGraph g)
    {
        int half = Config.Hidden / 2;
        g.Input(ModelTensorNames.Features, 1, "frames", Bins);
        string h = ExportEncoding(g, _front, _projection, ModelTensorNames.Features, null);
        h = g.Op("Transpose", [h], OnnxGraph.Ints("perm", 1, 0, 2)); // [frames, 1, hidden]
        Dictionary<string, Tensor> p = _lstm.named_parameters().ToDictionary(x => x.name, x => (Tensor)x.parameter);
        for (int layer = 0; layer < Config.Depth; layer++)
        {
            Tensor Both(string stem) => stack([GateOrder.Lstm(p[$"{stem}_l{layer}"]), GateOrder.Lstm(p[$"{stem}_l{layer}_reverse"])], 0);
            string w = g.Weight($"lstm{layer}.W", Both("weight_ih"));
            string r = g.Weight($"lstm{layer}.R", Both("weight_hh"));
            string b = g.Weight($"lstm{layer}.B", cat([Both("bias_ih"), Both("bias_hh")], 1));
            string[] y = g.Node("LSTM", [h, w, r, b], 3, null,
                OnnxGraph.Int("hidden_size", half), OnnxGraph.Text("direction", "bidirectional"));
            // [frames, 2, 1, half] -> [frames, 1, 2, half] -> [frames, 1, 2 * half]: forward then backward, as torch concatenates.
            h = g.Op("Transpose", [y[0]], OnnxGraph.Ints("perm", 0, 2, 1, 3));
            h = g.Op("Reshape", h, g.Int64s("shape", 0, 0, -1));
        }
        h = g.Op("Transpose", [h], OnnxGraph.Ints("perm", 1, 0, 2));
        PosteriorHead.Export(g, g.Linear(h, _head.weight!, _head.bias, "head"), Layout);
        g.Output(ModelTensorNames.Posteriors, 1, "frames", Layout.Size);
    }
}
