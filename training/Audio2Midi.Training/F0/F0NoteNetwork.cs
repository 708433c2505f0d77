using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Training.Models;
using Audio2Midi.Training.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Audio2Midi.Training.F0;

/// <summary>
/// The f0 note model: the pitch-free features of each 5 ms frame (<see cref="F0FeatureFunction"/>) -> a projection
/// -> a unidirectional GRU -> per head onset/offset/frame logits and the pitch delta (<see cref="F0Heads"/>). Causal:
/// look-ahead comes only from a head's delay, so one export streams a frame at a time for every Latency step.
/// </summary>
public sealed class F0NoteNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Linear _projection;
    private readonly GRU _gru;
    private readonly Linear _head;

    public F0NoteNetwork(F0Heads heads, int hidden, int depth) : base("f0")
    {
        if (hidden < 4 || depth < 1) throw new ArgumentOutOfRangeException(nameof(hidden), "hidden must be 4+ and depth 1+");
        Heads = heads;
        Hidden = hidden;
        Depth = depth;
        _projection = nn.Linear(F0FeatureFunction.Width, hidden);
        _gru = nn.GRU(hidden, hidden, depth, batchFirst: true);
        _head = nn.Linear(hidden, heads.Size);
        RegisterComponents();
    }

    public F0Heads Heads { get; }

    public int Hidden { get; }

    public int Depth { get; }

    /// <summary>[batch, frames, features] -> [batch, frames, heads x 4] raw outputs (logits, then the delta).</summary>
    public override Tensor forward(Tensor x)
    {
        (Tensor y, Tensor last) = _gru.forward(nn.functional.relu(_projection.forward(x)));
        last.Dispose();
        return _head.forward(y);
    }

    /// <summary>The exported posteriors from raw outputs: sigmoids, the delta as it is.</summary>
    public static Tensor Posteriors(Tensor raw, F0Heads heads)
    {
        using Tensor isProbability = tensor(ProbabilityMask(heads), device: raw.device);
        return where(isProbability.to_type(ScalarType.Bool), raw.sigmoid(), raw);
    }

    private static float[] ProbabilityMask(F0Heads heads)
    {
        var mask = new float[heads.Size];
        for (int i = 0; i < mask.Length; i++) mask[i] = i % F0Heads.PerHead == F0Heads.Delta ? 0 : 1;
        return mask;
    }

    public byte[] ToOnnx(string name)
    {
        var g = new OnnxGraph(name);
        g.Input(ModelTensorNames.Features, 1, "frames", F0FeatureFunction.Width);
        g.Input(ModelTensorNames.State(0), Depth, 1, Hidden);
        string h = g.Op("Relu", g.Linear(ModelTensorNames.Features, _projection.weight!, _projection.bias, "projection"));
        h = GruExport.Export(g, _gru, h, Depth, Hidden, ModelTensorNames.State(0), ModelTensorNames.StateOutput(0));
        string raw = g.Linear(h, _head.weight!, _head.bias, "head");
        float[] mask = ProbabilityMask(Heads);
        string m = g.Constant("probability_mask", mask, mask.Length);
        string keep = g.Constant("delta_mask", mask.Select(v => 1 - v).ToArray(), mask.Length);
        g.Node("Add", [g.Op("Mul", g.Op("Sigmoid", raw), m), g.Op("Mul", raw, keep)], 1, [ModelTensorNames.Posteriors]);
        g.Output(ModelTensorNames.Posteriors, 1, "frames", Heads.Size);
        g.Output(ModelTensorNames.StateOutput(0), Depth, 1, Hidden);
        var metadata = new Dictionary<string, string>
        {
            ["audio2midi.kind"] = ModelManifest.F0Kind,
            ["audio2midi.f0_head_delay_frames"] = string.Join(",", Heads.DelayFrames),
        };
        return g.ToModelBytes(metadata, typeof(F0NoteNetwork).Assembly.GetName().Version?.ToString() ?? "0");
    }
}
