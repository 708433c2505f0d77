using TorchSharp;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// Scalars the training path shares, made once and never freed. A double passed where TorchSharp takes a Scalar, and the
/// alpha of 1 that <c>Tensor + Tensor</c> passes, become temporaries that a garbage collection can free during the
/// native call (<see cref="KeptScalarAdam"/>).
/// </summary>
public static class KeptScalars
{
    public static readonly Scalar One = 1.0.ToScalar();
}
