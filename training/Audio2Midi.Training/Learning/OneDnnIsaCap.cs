using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// Keeps libtorch's oneDNN on its AVX2 kernels unless the user chose otherwise (<c>ONEDNN_MAX_CPU_ISA</c> already set).
/// On an AMD EPYC with AVX-512 (measured 2026-12-04, TorchSharp 0.107) oneDNN's AVX-512 LSTM gave outputs up to 0.46
/// away from the LSTM's own equations, while its GRU, linear and convolution agreed with theirs to 1e-7: a CRNN trained
/// there was not the network its ONNX export runs (ONNX Runtime differed from TorchSharp by 0.011 on posteriors). Capped
/// at AVX2 every one agrees to 1e-7. oneDNN reads the cap once, when it first picks a kernel, so it is set when this
/// assembly loads (before any network runs).
/// </summary>
public static partial class OneDnnIsaCap
{
    public const string Variable = "ONEDNN_MAX_CPU_ISA";
    public const string Cap = "AVX2";

    /// <summary>Sets the cap in the process environment that native code reads, unless it is set already; never throws.</summary>
#pragma warning disable CA2255 // a module initializer in a library: the cap must be in place before any caller's first network runs
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void Apply()
    {
        try
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))) return;
            Environment.SetEnvironmentVariable(Variable, Cap);   // Windows: native code reads the same block
            if (!OperatingSystem.IsWindows()) _ = SetEnv(Variable, Cap, 0);   // Unix: .NET keeps its own copy; libc's is what oneDNN reads
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc setenv to call: oneDNN picks its own kernels, as it would without this cap.
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
