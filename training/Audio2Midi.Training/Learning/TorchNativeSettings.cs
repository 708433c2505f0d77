using System.Runtime.CompilerServices;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// The environment libtorch's native libraries read when they first run, set when this assembly loads (before any
/// network runs) unless the user set a variable already. Measured on an AMD EPYC with AVX-512 (docs/testing.md).
/// </summary>
public static class TorchNativeSettings
{
    /// <summary>
    /// Keeps oneDNN on its SSE4.1 kernels (measured 2026-12-04 and -05, TorchSharp 0.107). Its AVX-512 LSTM gave outputs
    /// up to 0.46 away from the LSTM's own equations (a CRNN trained there was not the network its ONNX export runs), and
    /// its AVX2 convolutions made the tiny training of <c>TrainerTests</c> NaN in 2 of 10 runs at random (1-2 of 8 with
    /// the cap at AVX2, as it was), against 0 of 30 at SSE4.1 with ATen on its own vector kernels (0 of 12 earlier);
    /// ATen's kernels alone (default or AVX2) did not matter (3 of 10 either way). The f0 model has no convolution unless
    /// trained with <c>--taps</c>; the spectral models' convolutions run slower on these kernels.
    /// </summary>
    public const string OneDnnIsaVariable = "ONEDNN_MAX_CPU_ISA", OneDnnIsa = "SSE41";

    /// <summary>
    /// Makes MKL give the same bits for the same numbers wherever they lie in memory (AUTO,STRICT: the fastest code path
    /// for this CPU, independent of data alignment). Without it, MKL's matrix products (every Linear layer, the GRU's
    /// input and state products) changed in the last bits with the alignment of their buffers, so two trainings with the
    /// same seeds drifted apart whenever the heap was laid out differently (measured 2026-12-05: a tiny train-f0 gave 4
    /// different networks in 5 runs when its data loaded on two threads, and another network under
    /// <c>MALLOC_PERTURB_=165</c>; with this, one network every time, about 5 % slower; <c>COMPATIBLE</c> was 45 % slower).
    /// </summary>
    public const string MklVariable = "MKL_CBWR", MklMode = "AUTO,STRICT";

#pragma warning disable CA2255 // a module initializer in a library: the settings must be in place before any caller's first network runs
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void Apply()
    {
        NativeEnvironment.SetIfUnset(OneDnnIsaVariable, OneDnnIsa);
        NativeEnvironment.SetIfUnset(MklVariable, MklMode);
    }
}
