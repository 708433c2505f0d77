using Audio2Midi.Models;
using Audio2Midi.Training.Onnx;
using static TorchSharp.torch;

namespace Audio2Midi.Training.Models;

/// <summary>A trainable onset/frame network: features [batch, frames, bins] -> logits [batch, frames, outputs] (<see cref="PosteriorHead"/> turns them into posteriors).</summary>
public interface IFrameNetwork : IDisposable
{
    ModelConfig Config { get; }

    PosteriorLayout Layout { get; }

    /// <summary>Frames after a frame that its output depends on (0 for the live model; the window for windowed ones).</summary>
    int LookAheadFrames { get; }

    /// <summary>True when the export carries state and can run one frame at a time.</summary>
    bool Streams { get; }

    nn.Module<Tensor, Tensor> Module { get; }

    /// <summary>Writes the network (posteriors, not logits) into <paramref name="graph"/>, with its inputs and outputs.</summary>
    void Export(OnnxGraph graph);
}
