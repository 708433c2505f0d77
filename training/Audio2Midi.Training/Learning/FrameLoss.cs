using Audio2Midi.Models;
using Audio2Midi.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// The masked training loss: binary cross-entropy for the onset and offset outputs (positives weighted up), and
/// cross-entropy over silence + pitches for the frame head (<see cref="PosteriorHead"/>). Padded frames contribute
/// nothing; real frames count equally.
/// </summary>
public sealed class FrameLoss(PosteriorLayout layout, LossWeights weights)
{
    // Made once with the loss and kept as long as it: a double passed where TorchSharp takes a Scalar becomes a
    // temporary that a garbage collection can free during the native call (KeptScalarAdam).
    private readonly Scalar _half = 0.5.ToScalar(), _silence = layout.Pitches.ToScalar(),
        _onsetPositive = weights.OnsetPositive.ToScalar(), _offsetPositive = weights.OffsetPositive.ToScalar(),
        _onset = weights.Onset.ToScalar(), _frame = weights.Frame.ToScalar(), _offset = weights.Offset.ToScalar();

    /// <param name="logits">[batch, frames, outputs]</param>
    /// <param name="targets">[batch, frames, outputs] (<see cref="FrameBatch"/>)</param>
    /// <param name="mask">[batch, frames], 1 for real frames</param>
    public Tensor Compute(Tensor logits, Tensor targets, Tensor mask)
    {
        int p = layout.Pitches;
        Tensor frames = mask.sum().clamp_min(KeptScalars.One);
        Tensor Binary(int offset, Scalar positive, Scalar weight)
        {
            Tensor l = logits.narrow(2, offset, 1).squeeze(-1), t = targets.narrow(2, offset, 1).squeeze(-1);
            Tensor bce = nn.functional.binary_cross_entropy_with_logits(l, t, reduction: nn.Reduction.None, pos_weights: full([1], positive, device: logits.device));
            return ((bce * mask).sum() / frames).mul(weight);
        }
        // Class target: the sounding pitch, else silence (index P).
        Tensor frameTargets = targets.narrow(2, layout.Frame, p);
        Tensor voiced = targets.narrow(2, layout.Voicing, 1).squeeze(-1).gt(_half);
        Tensor classes = where(voiced, frameTargets.argmax(-1), full_like(voiced, _silence, dtype: int64));
        Tensor logProbabilities = PosteriorHead.ClassLogits(logits, layout).log_softmax(-1);
        Tensor nll = -logProbabilities.gather(2, classes.unsqueeze(-1)).squeeze(-1);
        Tensor frameLoss = ((nll * mask).sum() / frames).mul(_frame);
        return Binary(layout.Onset, _onsetPositive, _onset).add(frameLoss, KeptScalars.One).add(Binary(layout.Offset, _offsetPositive, _offset), KeptScalars.One);   // not +: that passes a temporary alpha
    }
}
