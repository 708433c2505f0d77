using Audio2Midi.Models;
using Audio2Midi.Training.Learning;
using TorchSharp;
using static TorchSharp.torch;

namespace Audio2Midi.Training.F0;

/// <summary>
/// The f0 model's loss, summed over heads: binary cross-entropy for onset (positives weighted up: three frames a
/// note), offset and frame, and a smooth L1 on the pitch delta where it has a target; each masked to the frames its
/// head decides inside the crop.
/// </summary>
public static class F0Loss
{
    private const double OnsetPositive = 6, OffsetPositive = 3, OffsetWeight = 0.5, DeltaWeight = 0.5;

    // Made once and never freed, as KeptScalars.One: a temporary Scalar can be freed during the native call.
    private static readonly Scalar OnsetPositiveScalar = OnsetPositive.ToScalar(), OffsetPositiveScalar = OffsetPositive.ToScalar(),
        OffsetWeightScalar = OffsetWeight.ToScalar(), DeltaWeightScalar = DeltaWeight.ToScalar();

    /// <param name="raw">[batch, frames, heads x 4]</param>
    /// <param name="targets">[batch, frames, heads x 4]</param>
    /// <param name="mask">[batch, frames, heads]</param>
    /// <param name="deltaMask">[batch, frames, heads]</param>
    public static Tensor Compute(Tensor raw, Tensor targets, Tensor mask, Tensor deltaMask, F0Heads heads)
    {
        long b = raw.shape[0], t = raw.shape[1];
        Tensor r = raw.reshape(b, t, heads.Count, F0Heads.PerHead), y = targets.reshape(b, t, heads.Count, F0Heads.PerHead);
        Tensor count = mask.sum().clamp_min(KeptScalars.One), deltaCount = deltaMask.sum().clamp_min(KeptScalars.One);
        Tensor Binary(int k, Scalar positive)
        {
            Tensor l = nn.functional.binary_cross_entropy_with_logits(r.select(3, k), y.select(3, k), reduction: nn.Reduction.None,
                pos_weights: full([1], positive, device: raw.device));
            return (l * mask).sum() / count;
        }
        Tensor delta = nn.functional.smooth_l1_loss(r.select(3, F0Heads.Delta), y.select(3, F0Heads.Delta), reduction: nn.Reduction.None);
        // add(.., KeptScalars.One), not +: TorchSharp's Tensor + Tensor passes a temporary alpha of 1.
        return Binary(F0Heads.Onset, OnsetPositiveScalar).add(Binary(F0Heads.Offset, OffsetPositiveScalar).mul(OffsetWeightScalar), KeptScalars.One)
            .add(Binary(F0Heads.Frame, KeptScalars.One), KeptScalars.One).add((delta * deltaMask).sum().mul(DeltaWeightScalar) / deltaCount, KeptScalars.One);
    }
}
