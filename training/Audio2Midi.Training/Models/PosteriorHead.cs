using Audio2Midi.Models;
using Audio2Midi.Training.Onnx;
using static TorchSharp.torch;

namespace Audio2Midi.Training.Models;

/// <summary>
/// Logits -> posteriors in <see cref="PosteriorLayout"/> order, in torch and in ONNX alike. Onset and offset are
/// sigmoids. Singing is one voice, so "which pitch sounds" is one softmax over silence and the P pitches: the
/// logits hold P pitch logits where the frame head sits and the silence logit where voicing sits; frame[k] is the
/// softmax probability of pitch k and voicing is 1 - p(silence). Measured on hust-solfege: P sigmoid frame outputs
/// predicted no frame above 0.5 after four epochs (the softmax reached frame F1 0.63 after two), and P per-pitch
/// onset outputs stayed at their prior after six (a causal model rarely knows a note's pitch at its first frame).
/// </summary>
public static class PosteriorHead
{
    /// <summary>[batch, frames, P + 3] logits -> posteriors.</summary>
    public static Tensor Apply(Tensor logits, PosteriorLayout layout)
    {
        int p = layout.Pitches;
        Tensor classes = ClassLogits(logits, layout).softmax(-1);
        return cat([
            logits.narrow(2, layout.Onset, 1).sigmoid(),
            logits.narrow(2, layout.Offset, 1).sigmoid(),
            classes.narrow(2, 0, p),
            1 - classes.narrow(2, p, 1),
        ], 2);
    }

    /// <summary>[batch, frames, P + 1]: the pitch logits, then silence.</summary>
    public static Tensor ClassLogits(Tensor logits, PosteriorLayout layout) =>
        cat([logits.narrow(2, layout.Frame, layout.Pitches), logits.narrow(2, layout.Voicing, 1)], 2);

    /// <summary>The same in ONNX, writing the output named <see cref="ModelTensorNames.Posteriors"/>.</summary>
    public static void Export(OnnxGraph g, string logits, PosteriorLayout layout)
    {
        int p = layout.Pitches;
        string Part(int start, int width) => g.Op("Slice", logits, g.Int64s("starts", start), g.Int64s("ends", start + width), g.Int64s("axes", 2));
        string classes = g.Op("Softmax", [g.Op("Concat", [Part(layout.Frame, p), Part(layout.Voicing, 1)], OnnxGraph.Int("axis", 2))], OnnxGraph.Int("axis", 2));
        string pitches = g.Op("Slice", classes, g.Int64s("starts", 0), g.Int64s("ends", p), g.Int64s("axes", 2));
        string silence = g.Op("Slice", classes, g.Int64s("starts", p), g.Int64s("ends", p + 1), g.Int64s("axes", 2));
        string voicing = g.Op("Sub", g.Constant("one", [1f], 1), silence);
        g.Node("Concat", [g.Op("Sigmoid", Part(layout.Onset, 1)), g.Op("Sigmoid", Part(layout.Offset, 1)), pitches, voicing], 1,
            [ModelTensorNames.Posteriors], OnnxGraph.Int("axis", 2));
    }
}
