using System.Runtime.CompilerServices;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// Keeps libtorch's oneDNN on its AVX2 kernels unless the user chose otherwise (<c>ONEDNN_MAX_CPU_ISA</c> already set).
/// On an AMD EPYC with AVX-512 (measured 2026-12-04, TorchSharp 0.107) oneDNN's AVX-512 LSTM gave outputs up to 0.46
/// away from the LSTM's own equations, while its GRU, linear and convolution agreed with theirs to 1e-7: a CRNN trained
/// there was not the network its ONNX export runs (ONNX Runtime differed from TorchSharp by 0.011 on posteriors). Capped
/// at AVX2 every one agrees to 1e-7. oneDNN reads the cap once, when it first picks a kernel, so it is set when this
/// assembly loads (before any network runs).
/// </summary>
public static class OneDnnIsaCap
{
    public const string Variable = "ONEDNN_MAX_CPU_ISA";
    public const string Cap = "AVX2";

#pragma warning disable CA2255 // a module initializer in a library: the cap must be in place before any caller's first network runs
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void Apply() => NativeEnvironment.SetIfUnset(Variable, Cap);
}
