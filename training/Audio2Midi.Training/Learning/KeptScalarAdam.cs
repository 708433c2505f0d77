using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// TorchSharp's Adam (default betas and eps, no weight decay, no AMSGrad) with its step's numbers kept alive through
/// every native call. TorchSharp 0.107 turns each double it passes to libtorch (<c>add_(grad, alpha: 1 - beta1)</c>)
/// into a temporary <see cref="Scalar"/>, a raw pointer with a finalizer; a garbage collection during the call can
/// free it before libtorch reads it, and libtorch then fails in <c>Scalar::toFloat</c> ("Expected false to be true").
/// That was seen once in about 35 test runs, under the suite's parallel load (docs/testing.md, "TorchSharp's Scalar").
/// Here its constant Scalars are made once and kept, and each step's own (alpha included) are made explicitly and disposed only after the calls that read them. The update is the
/// same arithmetic in the same order, and the state (and so <c>save_state_dict</c> / <c>load_state_dict</c>, which a
/// resumed run reads) is Adam's own.
/// </summary>
public sealed class KeptScalarAdam : Adam
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;
    private static readonly Scalar Beta1Scalar = Beta1.ToScalar(), Keep1 = (1 - Beta1).ToScalar(), Beta2Scalar = Beta2.ToScalar(),
        Keep2 = (1 - Beta2).ToScalar(), EpsScalar = Eps.ToScalar();

    public KeptScalarAdam(IEnumerable<Parameter> parameters, double learningRate)
        : base(parameters, learningRate, Beta1, Beta2, Eps)
    {
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        double lr = group.Options.LearningRate!.Value;
        foreach (Parameter param in group.Parameters)
        {
            Tensor? grad = param.grad;
            if (grad is null) continue;
            var state = (State)_state[param.Handle];
            state.step += 1;
            double correction1 = 1 - Math.Pow(Beta1, state.step), correction2 = 1 - Math.Pow(Beta2, state.step);
            using Scalar root2 = Math.Sqrt(correction2).ToScalar(), stepSize = (-lr / correction1).ToScalar();
            state.exp_avg.mul_(Beta1Scalar).add_(grad, alpha: Keep1);
            state.exp_avg_sq.mul_(Beta2Scalar).addcmul_(grad, grad, value: Keep2);
            using Tensor denominator = state.exp_avg_sq.sqrt().div_(root2).add_(EpsScalar, alpha: KeptScalars.One);   // add_(Scalar) alone makes its alpha a temporary
            param.addcdiv_(state.exp_avg, denominator, value: stepSize);
        }
    }, closure);
}
