using Audio2Midi.Models;
using Audio2Midi.Training.Models;
using static TorchSharp.torch;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// The masked training loss: binary cross-entropy for the onset and offset outputs (positives weighted up), and
/// cross-entropy over silence + pitches for the frame head (<see cref="PosteriorHead"/>). Padded frames contribute
/// nothing; real frames count equally.
/// </summary>
public sealed class FrameLoss(PosteriorLayout layout, LossWeights weights)
{
    /// <param name="logits">[batch, frames, outputs]</param>
    /// <param name="targets">[batch, frames, outputs] (<see cref="FrameBatch"/>)</param>
    /// <param name="mask">[batch, frames], 1 for real frames</param>
    public Tensor Compute(Tensor logits, Tensor targets, Tensor mask)
    {
        int p = layout.Pitches;
        Tensor frames = mask.sum().clamp_min(1);
        Tensor Binary(int offset, double positive, double weight)
        {
            Tensor l = logits.narrow(2, offset, 1).squeeze(-1), t = targets.narrow(2, offset, 1).squeeze(-1);
            Tensor bce = nn.functional.binary_cross_entropy_with_logits(l, t, reduction: nn.Reduction.None, pos_weights: full([1], positive, device: logits.device));
            return (bce * mask).sum() / frames * weight;
        }
        // Class target: the sounding pitch, else silence (index P).
        Tensor frameTargets = targets.narrow(2, layout.Frame, p);
        Tensor voiced = targets.narrow(2, layout.Voicing, 1).squeeze(-1) > 0.5;
        Tensor classes = where(voiced, frameTargets.argmax(-1), full_like(voiced, p, dtype: int64));
        Tensor logProbabilities = PosteriorHead.ClassLogits(logits, layout).log_softmax(-1);
        Tensor nll = -logProbabilities.gather(2, classes.unsqueeze(-1)).squeeze(-1);
        Tensor frameLoss = (nll * mask).sum() / frames * weights.Frame;
        return Binary(layout.Onset, weights.OnsetPositive, weights.Onset) + frameLoss + Binary(layout.Offset, weights.OffsetPositive, weights.Offset);
    }
}
