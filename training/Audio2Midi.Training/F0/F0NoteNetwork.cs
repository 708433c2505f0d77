using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Training.Models;
using Audio2Midi.Training.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Audio2Midi.Training.F0;

/// <summary>
/// The f0 note model: the pitch-free features of each 5 ms frame (<see cref="F0FrameFeatures"/>, of its <see cref="Features"/> set) -> a projection
/// -> a unidirectional GRU -> per head onset/offset/frame logits and the pitch delta (<see cref="F0Heads"/>). Causal:
/// look-ahead comes only from a head's delay, so one export streams a frame at a time for every Latency step.
/// <para>
/// The output layer is a linear map of the GRU's output at each frame, or with <see cref="Taps"/> a causal dilated
/// convolution over its outputs at the frame and every <see cref="TapStride"/> frames back: a head with look-ahead
/// then reads the GRU's outputs from right after the frame it decides instead of what its state still remembers of
/// it (the export keeps those outputs as a second state).
/// </para>
/// </summary>
public sealed class F0NoteNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Linear _projection;
    private readonly GRU _gru;
    private readonly Linear? _head;
    private readonly Conv1d? _taps;
    private readonly Dropout? _dropout;

    /// <summary>Frames between two taps of the output convolution (40 ms).</summary>
    public const int TapStride = 8;

    /// <param name="taps">0: a linear output layer; 2-16: the causal dilated convolution with that many taps.</param>
    /// <param name="features">What the model reads per frame.</param>
    /// <param name="dropout">While training only: the share of the GRU's inputs, of its outputs and (with depth 2+) of what passes between its layers set to zero; 0 = none, as shipped. No weights of its own, so it changes neither the export nor what a checkpoint holds.</param>
    public F0NoteNetwork(F0Heads heads, int hidden, int depth, int taps = 0, F0FeatureSet features = F0FeatureSet.Pitch, double dropout = 0) : base("f0")
    {
        if (hidden < 4 || depth < 1) throw new ArgumentOutOfRangeException(nameof(hidden), "hidden must be 4+ and depth 1+");
        if (taps is not 0 and (< 2 or > 16)) throw new ArgumentOutOfRangeException(nameof(taps), taps, "taps must be 0 (a linear output layer) or 2..16");
        if (!(dropout is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "dropout must be 0..1 (1 excluded)");
        Heads = heads;
        Hidden = hidden;
        Depth = depth;
        Taps = taps;
        Features = features;
        _projection = nn.Linear(features.Width(), hidden);
        _gru = nn.GRU(hidden, hidden, depth, batchFirst: true, dropout: depth > 1 ? dropout : 0);
        if (dropout > 0) _dropout = nn.Dropout(dropout);
        if (taps == 0) _head = nn.Linear(hidden, heads.Size);
        else _taps = nn.Conv1d(hidden, heads.Size, taps, dilation: TapStride);
        RegisterComponents();
    }

    /// <summary>What the model reads per frame (the manifest's <c>f0_features</c>).</summary>
    public F0FeatureSet Features { get; }

    /// <summary>Taps of the output convolution (0: a linear output layer).</summary>
    public int Taps { get; }

    /// <summary>How many past GRU outputs the output layer reads besides the current one.</summary>
    public int TapFrames => Taps == 0 ? 0 : (Taps - 1) * TapStride;

    public F0Heads Heads { get; }

    public int Hidden { get; }

    public int Depth { get; }

    /// <summary>[batch, frames, features] -> [batch, frames, heads x 4] raw outputs (logits, then the delta).</summary>
    public override Tensor forward(Tensor x)
    {
        Tensor input = nn.functional.relu(_projection.forward(x));
        if (_dropout is not null) input = _dropout.forward(input);
        (Tensor y, Tensor last) = _gru.forward(input);
        last.Dispose();
        if (_dropout is not null) y = _dropout.forward(y);
        if (_taps is null) return _head!.forward(y);
        // Zeros before the first frame, as the streaming state starts.
        using Tensor channels = y.transpose(1, 2);
        using Tensor past = nn.functional.pad(channels, [TapFrames, 0]);
        using Tensor conv = _taps.forward(past);
        return conv.transpose(1, 2);
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
        g.Input(ModelTensorNames.Features, 1, "frames", Features.Width());
        g.Input(ModelTensorNames.State(0), Depth, 1, Hidden);
        string h = g.Op("Relu", g.Linear(ModelTensorNames.Features, _projection.weight!, _projection.bias, "projection"));
        h = GruExport.Export(g, _gru, h, Depth, Hidden, ModelTensorNames.State(0), ModelTensorNames.StateOutput(0));
        string raw;
        if (_taps is null)
        {
            raw = g.Linear(h, _head!.weight!, _head.bias, "head");
        }
        else
        {
            // The GRU's last TapFrames outputs are the second state: joined with this call's, they feed the convolution,
            // and the newest TapFrames of them go back out.
            g.Input(ModelTensorNames.State(1), 1, TapFrames, Hidden);
            string joined = g.Op("Concat", [ModelTensorNames.State(1), h], OnnxGraph.Int("axis", 1));   // [1, TapFrames + frames, hidden]
            g.Node("Slice", [joined, g.Int64s("starts", -TapFrames), g.Int64s("ends", long.MaxValue), g.Int64s("axes", 1)], 1, [ModelTensorNames.StateOutput(1)]);
            string channels = g.Op("Transpose", [joined], OnnxGraph.Ints("perm", 0, 2, 1));
            string conv = g.Op("Conv", [channels, g.Weight("taps.weight", _taps.weight!), g.Weight("taps.bias", _taps.bias!)],
                OnnxGraph.Ints("dilations", TapStride), OnnxGraph.Ints("kernel_shape", Taps));
            raw = g.Op("Transpose", [conv], OnnxGraph.Ints("perm", 0, 2, 1));   // [1, frames, heads x 4]
        }
        float[] mask = ProbabilityMask(Heads);
        string m = g.Constant("probability_mask", mask, mask.Length);
        string keep = g.Constant("delta_mask", mask.Select(v => 1 - v).ToArray(), mask.Length);
        g.Node("Add", [g.Op("Mul", g.Op("Sigmoid", raw), m), g.Op("Mul", raw, keep)], 1, [ModelTensorNames.Posteriors]);
        g.Output(ModelTensorNames.Posteriors, 1, "frames", Heads.Size);
        g.Output(ModelTensorNames.StateOutput(0), Depth, 1, Hidden);
        if (_taps is not null) g.Output(ModelTensorNames.StateOutput(1), 1, TapFrames, Hidden);
        var metadata = new Dictionary<string, string>
        {
            ["audio2midi.kind"] = ModelManifest.F0Kind,
            ["audio2midi.f0_head_delay_frames"] = string.Join(",", Heads.DelayFrames),
        };
        return g.ToModelBytes(metadata, typeof(F0NoteNetwork).Assembly.GetName().Version?.ToString() ?? "0");
    }
}
