using Audio2Midi.Training.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Audio2Midi.Training.Models;

/// <summary>
/// A batch-first torch GRU as ONNX GRU nodes, one per layer, its state an explicit input and output so the export
/// runs one frame at a time. Gate order and reset placement follow <see cref="GateOrder"/> (linear_before_reset=1).
/// </summary>
public static class GruExport
{
    /// <param name="h">[1, frames, input] (batch-first, as torch runs it).</param>
    /// <param name="stateIn">The initial state input [depth, 1, hidden].</param>
    /// <param name="stateOut">Where the last state goes, same shape.</param>
    /// <returns>[1, frames, hidden].</returns>
    public static string Export(OnnxGraph g, GRU gru, string h, int depth, int hidden, string stateIn, string stateOut, string prefix = "gru")
    {
        h = g.Op("Transpose", [h], OnnxGraph.Ints("perm", 1, 0, 2)); // [frames, 1, input]: ONNX GRU is time-major
        var lastStates = new List<string>();
        Dictionary<string, Tensor> p = gru.named_parameters().ToDictionary(x => x.name, x => (Tensor)x.parameter);
        for (int layer = 0; layer < depth; layer++)
        {
            string initial = g.Op("Slice", stateIn, g.Int64s("starts", layer), g.Int64s("ends", layer + 1), g.Int64s("axes", 0));
            string w = g.Weight($"{prefix}{layer}.W", GateOrder.Gru(p[$"weight_ih_l{layer}"]).unsqueeze(0));
            string r = g.Weight($"{prefix}{layer}.R", GateOrder.Gru(p[$"weight_hh_l{layer}"]).unsqueeze(0));
            string b = g.Weight($"{prefix}{layer}.B", cat([GateOrder.Gru(p[$"bias_ih_l{layer}"]), GateOrder.Gru(p[$"bias_hh_l{layer}"])], 0).unsqueeze(0));
            string[] y = g.Node("GRU", [h, w, r, b, "", initial], 2, null,
                OnnxGraph.Int("hidden_size", hidden), OnnxGraph.Int("linear_before_reset", 1));
            h = g.Op("Squeeze", y[0], g.Int64s("axes", 1)); // [frames, 1, 1, hidden] -> [frames, 1, hidden]
            lastStates.Add(y[1]);
        }
        g.Node(lastStates.Count == 1 ? "Identity" : "Concat", lastStates.ToArray(), 1, [stateOut],
            lastStates.Count == 1 ? [] : [OnnxGraph.Int("axis", 0)]);
        return g.Op("Transpose", [h], OnnxGraph.Ints("perm", 1, 0, 2));
    }
}
