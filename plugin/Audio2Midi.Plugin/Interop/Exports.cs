using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// The module's C exports: GetPluginFactory and the per-OS entry points (both sets are exported on every OS;
/// each host calls its own). Plus two diagnostics the test host reads from the native library.
/// </summary>
internal static unsafe class Exports
{
    [UnmanagedCallersOnly(EntryPoint = "GetPluginFactory")]
    public static void* GetPluginFactory()
    {
        try
        {
            ModuleLocation.Pin();
            FactoryObject f = FactoryObject.Instance;
            f.AddReference();
            return f.InterfacePointer(0);
        }
        catch (Exception e)
        {
            Diagnostics.Report(e);
            return null;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "ModuleEntry")]
    public static byte ModuleEntry(void* sharedLibraryHandle) => 1;

    [UnmanagedCallersOnly(EntryPoint = "ModuleExit")]
    public static byte ModuleExit() => 1;

    [UnmanagedCallersOnly(EntryPoint = "InitDll")]
    public static byte InitDll() => 1;

    [UnmanagedCallersOnly(EntryPoint = "ExitDll")]
    public static byte ExitDll() => 1;

    /// <summary>Bytes this module's runtime has allocated on the calling thread (tests: no allocation in process).</summary>
    [UnmanagedCallersOnly(EntryPoint = "Audio2Midi_AllocatedBytesForCurrentThread")]
    public static long AllocatedBytesForCurrentThread() => GC.GetAllocatedBytesForCurrentThread();

    /// <summary>Exceptions caught at the ABI boundary since the module loaded.</summary>
    [UnmanagedCallersOnly(EntryPoint = "Audio2Midi_CaughtExceptions")]
    public static int CaughtExceptions() => Diagnostics.CaughtExceptions;
}
