using System.Runtime.CompilerServices;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// Keeps libtorch's oneDNN on its SSE4.1 kernels unless the user chose otherwise (<c>ONEDNN_MAX_CPU_ISA</c> already set).
/// On an AMD EPYC with AVX-512 (measured 2026-12-04 and -05, TorchSharp 0.107) oneDNN's AVX-512 LSTM gave outputs up
/// to 0.46 away from the LSTM's own equations (a CRNN trained there was not the network its ONNX export runs), and its
/// AVX2 convolutions made the tiny training of <c>TrainerTests</c> NaN in 2 of 10 runs at random (1-2 of 8 with this
/// cap at AVX2, as it was), against 0 of 30 at SSE4.1 with ATen on its own vector kernels (0 of 12 earlier); ATen's
/// kernels alone (default or AVX2) did not matter (3 of 10 either way). oneDNN reads the cap once, when it first picks
/// a kernel, so it is set when this assembly loads (before any network runs). The f0 model has no convolution unless
/// trained with <c>--taps</c>; the spectral models' convolutions run slower on these kernels.
/// </summary>
public static class OneDnnIsaCap
{
    public const string Variable = "ONEDNN_MAX_CPU_ISA";
    public const string Cap = "SSE41";

#pragma warning disable CA2255 // a module initializer in a library: the cap must be in place before any caller's first network runs
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void Apply() => NativeEnvironment.SetIfUnset(Variable, Cap);
}
