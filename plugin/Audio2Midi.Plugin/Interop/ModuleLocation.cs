using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// Where this plugin's own binary is (DESIGN.md section 2: a NativeAOT library's DllImports search beside the host's
/// executable, not beside the plugin). Native: the file holding <see cref="Exports.GetPluginFactory"/>, from
/// <c>dladdr</c> (Linux) or <c>GetModuleHandleExW</c> + <c>GetModuleFileNameW</c> (Windows). As a managed assembly
/// (the tests' in-process processor) it is null.
/// </summary>
internal static unsafe partial class ModuleLocation
{
    private static readonly Lazy<string?> s_binary = new(Find);

    /// <summary>Full path of the native plugin binary, or null when not running as one.</summary>
    public static string? NativeBinaryPath => s_binary.Value;

    private static string? Find()
    {
        if (RuntimeFeature.IsDynamicCodeSupported) return null;   // a JIT runtime: the managed assembly, not the bundle
        void* address = (delegate* unmanaged<void*>)&Exports.GetPluginFactory;
        try
        {
            return OperatingSystem.IsWindows() ? FromWindows(address) : FromDladdr(address);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Diagnostics.Report(e);
            return null;
        }
    }

    private static int s_pinned;

    /// <summary>
    /// Keeps this module mapped until the process ends, whatever the host unloads: the model presets' threads (the
    /// preset loader, a windowed model's worker) and the runtime's own (finaliser, GC) must never run on code that
    /// dlclose has unmapped. Linux: dlopen of our own file with RTLD_NODELETE; Windows: GET_MODULE_HANDLE_EX_FLAG_PIN.
    /// </summary>
    public static void Pin()
    {
        if (Interlocked.Exchange(ref s_pinned, 1) != 0 || NativeBinaryPath is not string path) return;
        try
        {
            if (OperatingSystem.IsWindows())
            {
                void* module;
                GetModuleHandleEx(Pinned | FromAddress, (delegate* unmanaged<void*>)&Exports.GetPluginFactory, &module);
            }
            else DlOpen(path, RtldNow | RtldNoDelete);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Diagnostics.Report(e);
        }
    }

    private const int RtldNow = 2, RtldNoDelete = 0x1000;
    private const uint Pinned = 0x1;

    [LibraryImport("libdl.so.2", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial void* DlOpen(string path, int flags);

    [StructLayout(LayoutKind.Sequential)]
    private struct DlInfo
    {
        public byte* FileName;
        public void* FileBase;
        public byte* SymbolName;
        public void* SymbolAddress;
    }

    // libdl.so.2 exists on every glibc (a stub forwarding to libc since 2.34).
    [LibraryImport("libdl.so.2", EntryPoint = "dladdr")]
    private static partial int DlAddr(void* address, DlInfo* info);

    private static string? FromDladdr(void* address)
    {
        DlInfo info;
        if (DlAddr(address, &info) == 0 || info.FileName == null) return null;
        return Path.GetFullPath(Marshal.PtrToStringUTF8((nint)info.FileName)!);
    }

    private const uint FromAddress = 0x4, UnchangedRefCount = 0x2;

    [LibraryImport("kernel32.dll", EntryPoint = "GetModuleHandleExW")]
    private static partial int GetModuleHandleEx(uint flags, void* address, void** module);

    [LibraryImport("kernel32.dll", EntryPoint = "GetModuleFileNameW")]
    private static partial uint GetModuleFileName(void* module, char* name, uint size);

    private static string? FromWindows(void* address)
    {
        void* module;
        if (GetModuleHandleEx(FromAddress | UnchangedRefCount, address, &module) == 0) return null;
        char* name = stackalloc char[32768];
        uint length = GetModuleFileName(module, name, 32768);
        return length == 0 ? null : new string(name, 0, (int)length);
    }
}
