using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Training.F0;
using TorchSharp;
using static TorchSharp.torch;

namespace Audio2Midi.Tests.Learning;

/// <summary>
/// `a2m train-f0 --dropout`: noise while training only. A network with dropout holds the same weights as one without
/// (a checkpoint loads into either), draws another mask each training pass, and in eval mode computes exactly what the
/// network without it computes, so the export and the engine never see it.
/// </summary>
[Collection("Torch")]
public sealed class F0DropoutTests
{
    [Fact]
    public void DropoutActsWhileTrainingAndNowhereElse()
    {
        string folder = Directory.CreateTempSubdirectory("a2m-f0-dropout").FullName;
        try
        {
            F0Heads heads = F0Heads.ForSteps([0, 60, 250]);
            torch.manual_seed(11);
            using var withDropout = new F0NoteNetwork(heads, 12, 2, dropout: 0.4);
            using var plain = new F0NoteNetwork(heads, 12, 2);
            string weights = Path.Combine(folder, "best.pt");
            withDropout.save(weights);
            plain.load(weights);
            Assert.Equal(plain.state_dict().Keys.Order(), withDropout.state_dict().Keys.Order());

            using var scope = torch.NewDisposeScope();
            Tensor x = torch.randn(2, 60, F0FeatureFunction.Width);
            withDropout.train();
            Tensor first = withDropout.forward(x), second = withDropout.forward(x);
            double between = (first - second).abs().max().item<float>();
            Assert.True(between > 1e-3, $"two training passes differ by only {between}: no dropout drawn");

            withDropout.eval();
            plain.eval();
            double againstPlain = (withDropout.forward(x) - plain.forward(x)).abs().max().item<float>();
            Assert.True(againstPlain < 1e-6, $"in eval mode the network with dropout is {againstPlain} from the same weights without it");
            Assert.Throws<ArgumentOutOfRangeException>(() => new F0NoteNetwork(heads, 12, 2, dropout: 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new F0TrainOptions { Dropout = 0.9 }.Validate());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
