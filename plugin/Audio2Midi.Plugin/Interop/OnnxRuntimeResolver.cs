using Microsoft.ML.OnnxRuntime;

namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// ONNX Runtime's native library from the bundle (<see cref="BundledLibrary"/>). Installed before the first model
/// loads; a missing copy reaches the preset loader, which falls back to pYIN with "ONNX Runtime missing".
/// </summary>
internal static class OnnxRuntimeResolver
{
    private static readonly BundledLibrary s_library = new(typeof(InferenceSession).Assembly, "onnxruntime", "libonnxruntime.so", "onnxruntime.dll");

    public static string LibraryFileName => s_library.FileName;

    public static string? LibraryPath => s_library.Path;

    public static void Install() => s_library.Install();
}
