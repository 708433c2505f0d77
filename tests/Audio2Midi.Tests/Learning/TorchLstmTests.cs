using Audio2Midi.Training.Learning;
using TorchSharp;
using static TorchSharp.torch;

namespace Audio2Midi.Tests.Learning;

/// <summary>
/// TorchSharp's recurrent layers compute their own equations on this machine (<see cref="TorchNativeSettings"/>: oneDNN's
/// AVX-512 LSTM on an AMD EPYC did not, by up to 0.46; run with ONEDNN_MAX_CPU_ISA=AVX512_CORE there, this test fails).
/// </summary>
[Collection("Torch")]
public sealed class TorchLstmTests
{
    [Fact]
    public void LstmFollowsItsEquations()
    {
        torch.manual_seed(1);
        using var lstm = nn.LSTM(12, 6, 1, batchFirst: true);
        lstm.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor x = torch.randn(1, 48, 12);
        (Tensor y, _, _) = lstm.forward(x);
        var p = lstm.named_parameters().ToDictionary(a => a.name, a => (Tensor)a.parameter);
        Tensor h = torch.zeros(6), c = torch.zeros(6);
        double worst = 0;
        for (int t = 0; t < 48; t++)
        {
            Tensor[] gates = (torch.matmul(p["weight_ih_l0"], x[0, t]) + p["bias_ih_l0"] + torch.matmul(p["weight_hh_l0"], h) + p["bias_hh_l0"]).chunk(4);
            c = torch.sigmoid(gates[1]) * c + torch.sigmoid(gates[0]) * torch.tanh(gates[2]);
            h = torch.sigmoid(gates[3]) * torch.tanh(c);
            worst = Math.Max(worst, (y[0, t] - h).abs().max().item<float>());
        }
        Assert.True(worst < 1e-5, $"largest difference {worst}");
    }

    [Fact]
    public void GruFollowsItsEquations()
    {
        torch.manual_seed(2);
        using var gru = nn.GRU(12, 6, 1, batchFirst: true);
        gru.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor x = torch.randn(1, 48, 12);
        (Tensor y, _) = gru.forward(x);
        var p = gru.named_parameters().ToDictionary(a => a.name, a => (Tensor)a.parameter);
        Tensor h = torch.zeros(6);
        double worst = 0;
        for (int t = 0; t < 48; t++)
        {
            Tensor[] i = (torch.matmul(p["weight_ih_l0"], x[0, t]) + p["bias_ih_l0"]).chunk(3);
            Tensor[] r = (torch.matmul(p["weight_hh_l0"], h) + p["bias_hh_l0"]).chunk(3);
            Tensor reset = torch.sigmoid(i[0] + r[0]), update = torch.sigmoid(i[1] + r[1]);
            h = (1 - update) * torch.tanh(i[2] + reset * r[2]) + update * h;
            worst = Math.Max(worst, (y[0, t] - h).abs().max().item<float>());
        }
        Assert.True(worst < 1e-5, $"largest difference {worst}");
    }
}
