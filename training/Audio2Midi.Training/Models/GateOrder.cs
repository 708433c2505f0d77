using static TorchSharp.torch;

namespace Audio2Midi.Training.Models;

/// <summary>
/// Torch and ONNX stack recurrent gates in different orders (DESIGN.md section 2): GRU torch (r, z, n) ->
/// ONNX (z, r, h); LSTM torch (i, f, g, o) -> ONNX (i, o, f, c). Rows of weights and biases are reordered here.
/// </summary>
public static class GateOrder
{
    public static Tensor Gru(Tensor torchRows) => Reorder(torchRows, 3, [1, 0, 2]);

    public static Tensor Lstm(Tensor torchRows) => Reorder(torchRows, 4, [0, 3, 1, 2]);

    private static Tensor Reorder(Tensor rows, int gates, int[] order)
    {
        Tensor[] chunks = rows.chunk(gates, 0);
        return cat(order.Select(i => chunks[i]).ToArray(), 0);
    }
}
