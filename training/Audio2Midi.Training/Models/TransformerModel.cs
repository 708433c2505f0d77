using Audio2Midi.Models;
using Audio2Midi.Training.Onnx;
using Audio2Midi.Training.Learning;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Audio2Midi.Training.Models;

/// <summary>
/// The seed's "AudioTransNet": centred convolutions, a projection, fixed sinusoidal positions, then pre-norm
/// transformer encoder layers (full self-attention over the window, a ReLU feed-forward) and the heads. Every frame
/// attends to the whole 4 s window, so it is windowed (look-ahead = the window) and exported for exactly that many
/// frames.
/// </summary>
public sealed class TransformerModel : FrameNetwork
{
    private const int Heads = 4;
    private readonly ConvolutionFront _front;
    private readonly Linear _projection;
    private readonly Dropout _dropout;
    private readonly ModuleList<EncoderLayer> _layers = new();
    private readonly LayerNorm _final;
    private readonly Linear _head;
    private readonly Tensor _positions;

    public TransformerModel(ModelConfig config, int bins, PosteriorLayout layout, int windowFrames) : base("transformer", config, bins, layout, windowFrames)
    {
        if (config.Hidden % Heads != 0) throw new ArgumentOutOfRangeException(nameof(config), $"the transformer's width ({config.Hidden}) must divide into {Heads} heads");
        _front = new ConvolutionFront(config, bins, causal: false);
        _projection = nn.Linear(_front.OutputWidth, config.Hidden);
        _dropout = nn.Dropout(config.Dropout);
        for (int i = 0; i < config.Depth; i++) _layers.Add(new EncoderLayer(config.Hidden, Heads, config.Dropout));
        _final = nn.LayerNorm(config.Hidden);
        _head = nn.Linear(config.Hidden, layout.Size);
        RegisterComponents();
        _positions = Sinusoid(windowFrames, config.Hidden); // a constant, not a parameter
    }

    public override bool Streams => false;

    public override Tensor forward(Tensor x)
    {
        long frames = x.shape[1];
        if (frames > LookAheadFrames) throw new ArgumentException($"the transformer takes at most {LookAheadFrames} frames at once, got {frames}");
        Tensor h = Encode(_front, _projection, x);
        h = _dropout.forward(h.add(_positions.narrow(0, 0, frames).to(h.device), KeptScalars.One));   // not +: that passes a temporary alpha (KeptScalars)
        foreach (EncoderLayer layer in _layers) h = layer.forward(h);
        return _head.forward(_final.forward(h));
    }

    public override void Export(OnnxGraph g)
    {
        g.Input(ModelTensorNames.Features, 1, LookAheadFrames, Bins);
        string h = ExportEncoding(g, _front, _projection, ModelTensorNames.Features, null);
        h = g.Op("Add", h, g.Weight("positions", _positions));
        for (int i = 0; i < _layers.Count; i++) h = _layers[i].Export(g, h, $"layer{i}");
        h = OnnxLayerNorm(g, h, _final, "final");
        PosteriorHead.Export(g, g.Linear(h, _head.weight!, _head.bias, "head"), Layout);
        g.Output(ModelTensorNames.Posteriors, 1, LookAheadFrames, Layout.Size);
    }

    internal static string OnnxLayerNorm(OnnxGraph g, string x, LayerNorm norm, string name) =>
        g.Op("LayerNormalization", [x, g.Weight(name + ".scale", norm.weight!), g.Weight(name + ".bias", norm.bias!)], OnnxGraph.Int("axis", -1), OnnxGraph.Float("epsilon", 1e-5f));

    private static Tensor Sinusoid(int frames, int width)
    {
        var data = new float[frames * width];
        for (int t = 0; t < frames; t++)
            for (int i = 0; i < width; i += 2)
            {
                double rate = Math.Pow(10000, -(double)i / width);
                data[t * width + i] = (float)Math.Sin(t * rate);
                if (i + 1 < width) data[t * width + i + 1] = (float)Math.Cos(t * rate);
            }
        return tensor(data, [frames, width]);
    }

    /// <summary>x + attention(norm(x)), then x + feed-forward(norm(x)).</summary>
    private sealed class EncoderLayer : nn.Module<Tensor, Tensor>
    {
        private readonly int _heads;
        private readonly LayerNorm _norm1, _norm2;
        private readonly Linear _query, _key, _value, _out, _up, _down;
        private readonly Dropout _dropout;
        private readonly Scalar _scale;   // 1 / sqrt(head width), kept: a double passed to mul becomes a temporary Scalar (KeptScalars)

        public EncoderLayer(int width, int heads, double dropout) : base("encoder")
        {
            _heads = heads;
            _scale = (1.0 / Math.Sqrt(width / heads)).ToScalar();
            _norm1 = nn.LayerNorm(width);
            _norm2 = nn.LayerNorm(width);
            _query = nn.Linear(width, width);
            _key = nn.Linear(width, width);
            _value = nn.Linear(width, width);
            _out = nn.Linear(width, width);
            _up = nn.Linear(width, 2 * width);
            _down = nn.Linear(2 * width, width);
            _dropout = nn.Dropout(dropout);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            long batch = x.shape[0], frames = x.shape[1], width = x.shape[2], dh = width / _heads;
            Tensor n = _norm1.forward(x);
            Tensor Split(Linear l) => l.forward(n).reshape(batch, frames, _heads, dh).permute(0, 2, 1, 3);
            Tensor q = Split(_query), k = Split(_key), v = Split(_value);
            Tensor attention = q.matmul(k.transpose(2, 3)).mul(_scale).softmax(-1);
            Tensor mixed = attention.matmul(v).permute(0, 2, 1, 3).reshape(batch, frames, width);
            x = x.add(_dropout.forward(_out.forward(mixed)), KeptScalars.One);
            Tensor f = _down.forward(nn.functional.relu(_up.forward(_norm2.forward(x))));
            return x.add(_dropout.forward(f), KeptScalars.One);
        }

        public string Export(OnnxGraph g, string x, string name)
        {
            long width = _query.weight!.shape[1], dh = width / _heads;
            string n = OnnxLayerNorm(g, x, _norm1, name + ".norm1");
            string Split(Linear l, string part, long[] perm) =>
                g.Op("Transpose", [g.Op("Reshape", g.Linear(n, l.weight!, l.bias, $"{name}.{part}"), g.Int64s("heads", 0, 0, _heads, dh))], OnnxGraph.Ints("perm", perm));
            string q = Split(_query, "query", [0, 2, 1, 3]), k = Split(_key, "key", [0, 2, 3, 1]), v = Split(_value, "value", [0, 2, 1, 3]);
            string scores = g.Op("Mul", g.Op("MatMul", q, k), g.Constant("scale", [(float)(1.0 / Math.Sqrt(dh))], 1));
            string attention = g.Op("Softmax", [scores], OnnxGraph.Int("axis", -1));
            string mixed = g.Op("Reshape", g.Op("Transpose", [g.Op("MatMul", attention, v)], OnnxGraph.Ints("perm", 0, 2, 1, 3)), g.Int64s("width", 0, 0, width));
            x = g.Op("Add", x, g.Linear(mixed, _out.weight!, _out.bias, name + ".out"));
            string f = g.Linear(g.Op("Relu", g.Linear(OnnxLayerNorm(g, x, _norm2, name + ".norm2"), _up.weight!, _up.bias, name + ".up")), _down.weight!, _down.bias, name + ".down");
            return g.Op("Add", x, f);
        }
    }
}
