using System.Reflection;
using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// Points a managed library's <c>DllImport</c> of a native library at the copy shipped beside the plugin binary
/// (Contents/x86_64-linux, Contents/x86_64-win), never at one the host or the system may have. As a managed assembly
/// (tests) the default probing of the NuGet runtime folder is left alone.
/// </summary>
internal sealed class BundledLibrary(Assembly user, string importName, string linuxFile, string windowsFile)
{
    private int _installed;

    public string FileName => OperatingSystem.IsWindows() ? windowsFile : linuxFile;

    /// <summary>The library the plugin loads, or null when it runs managed.</summary>
    public string? Path => ModuleLocation.NativeBinaryPath is string binary
        ? System.IO.Path.Combine(System.IO.Path.GetDirectoryName(binary)!, FileName)
        : null;

    /// <summary>Installs the resolver once, before the library's first call.</summary>
    public void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) != 0 || Path is null) return;
        NativeLibrary.SetDllImportResolver(user, Resolve);
    }

    private nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!name.Contains(importName, StringComparison.OrdinalIgnoreCase) || Path is not string path) return 0;
        // Not 0 when the bundle's copy is missing: that would let the default search find the host's or the system's.
        return NativeLibrary.TryLoad(path, out nint handle) ? handle : throw new DllNotFoundException($"{path}: the bundle's {FileName} is missing or cannot be loaded");
    }
}
