using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// Points ONNX Runtime's <c>DllImport("onnxruntime")</c> at the copy shipped beside the plugin binary
/// (Contents/x86_64-linux/libonnxruntime.so, Contents/x86_64-win/onnxruntime.dll), never at one the host or the
/// system may have. Installed once, before the first model loads; as a managed assembly (tests) the default
/// probing of the NuGet runtime folder is left alone.
/// </summary>
internal static class OnnxRuntimeResolver
{
    private static int s_installed;

    public static string LibraryFileName => OperatingSystem.IsWindows() ? "onnxruntime.dll" : "libonnxruntime.so";

    /// <summary>The library the plugin loads, or null when it runs managed.</summary>
    public static string? LibraryPath => ModuleLocation.NativeBinaryPath is string binary
        ? Path.Combine(Path.GetDirectoryName(binary)!, LibraryFileName)
        : null;

    public static void Install()
    {
        if (Interlocked.Exchange(ref s_installed, 1) != 0 || LibraryPath is null) return;
        NativeLibrary.SetDllImportResolver(typeof(InferenceSession).Assembly, Resolve);
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!name.Contains("onnxruntime", StringComparison.OrdinalIgnoreCase) || LibraryPath is not string path) return 0;
        // Not 0 when the bundle's copy is missing: that would let the default search find the host's or the system's.
        // The exception reaches the preset loader, which falls back to pYIN with "ONNX Runtime missing".
        return NativeLibrary.TryLoad(path, out nint handle) ? handle : throw new DllNotFoundException($"{path}: the bundle's ONNX Runtime is missing or cannot be loaded");
    }
}
