using Audio2Midi.Models;
using Audio2Midi.Training.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Audio2Midi.Training.Models;

/// <summary>
/// The live model: causal time-frequency convolutions, a projection, a unidirectional GRU and one linear layer
/// to the onset/frame/offset/voicing logits. Each output frame depends on that frame and earlier ones only, so
/// the export runs one frame at a time with its convolution history and GRU state as explicit inputs/outputs.
/// </summary>
public sealed class LiveModel : FrameNetwork
{
    private readonly ConvolutionFront _front;
    private readonly Linear _projection;
    private readonly Dropout _dropout;
    private readonly GRU _gru;
    private readonly Linear _head;

    public LiveModel(ModelConfig config, int bins, PosteriorLayout layout) : base("live", config, bins, layout, lookAheadFrames: 0)
    {
        if (config.TimeKernel < 2) throw new ArgumentOutOfRangeException(nameof(config), "the live model needs a time kernel of 2 or more frames");
        _front = new ConvolutionFront(config, bins, causal: true);
        _projection = nn.Linear(_front.OutputWidth, config.Hidden);
        _dropout = nn.Dropout(config.Dropout);
        _gru = nn.GRU(config.Hidden, config.Hidden, config.Depth, batchFirst: true, dropout: config.Depth > 1 ? config.Dropout : 0);
        _head = nn.Linear(config.Hidden, layout.Size);
        RegisterComponents();
    }

    public override bool Streams => true;

    public override Tensor forward(Tensor x)
    {
        Tensor h = _dropout.forward(Encode(_front, _projection, x));
        (Tensor y, Tensor last) = _gru.forward(h);
        last.Dispose();
        return _head.forward(_dropout.forward(y));
    }

    public override void Export(OnnxGraph g)
    {
        int c = Config.ConvChannels, k = _front.HistoryFrames, hidden = Config.Hidden;
        g.Input(ModelTensorNames.Features, 1, "frames", Bins);
        g.Input(ModelTensorNames.State(0), 1, 1, k, Bins);
        g.Input(ModelTensorNames.State(1), 1, c, k, Bins / Config.FrequencyPool);
        g.Input(ModelTensorNames.State(2), Config.Depth, 1, hidden);
        string h = ExportEncoding(g, _front, _projection, ModelTensorNames.Features,
            [(ModelTensorNames.State(0), ModelTensorNames.StateOutput(0)), (ModelTensorNames.State(1), ModelTensorNames.StateOutput(1))]);
        h = GruExport.Export(g, _gru, h, Config.Depth, hidden, ModelTensorNames.State(2), ModelTensorNames.StateOutput(2));
        PosteriorHead.Export(g, g.Linear(h, _head.weight!, _head.bias, "head"), Layout);
        g.Output(ModelTensorNames.Posteriors, 1, "frames", Layout.Size);
        g.Output(ModelTensorNames.StateOutput(0), 1, 1, k, Bins);
        g.Output(ModelTensorNames.StateOutput(1), 1, c, k, Bins / Config.FrequencyPool);
        g.Output(ModelTensorNames.StateOutput(2), Config.Depth, 1, hidden);
    }
}
