using System.Runtime.InteropServices;
using Audio2Midi.Plugin.Interop;

namespace Audio2Midi.Plugin.Tests.Host;

/// <summary>
/// The published native plugin, opened as a DAW opens it: NativeLibrary.Load, ModuleEntry (Linux) /
/// InitDll (Windows), GetPluginFactory. Loaded once per test run and never unloaded (NativeAOT modules
/// cannot be unloaded safely, and DAWs keep them too).
/// </summary>
internal sealed unsafe class NativeModule
{
    private static readonly Lazy<NativeModule> s_instance = new(() => new NativeModule(BundleFixture.BinaryPath));

    private NativeModule(string path)
    {
        Path = path;
        Handle = NativeLibrary.Load(path);
        if (OperatingSystem.IsWindows())
        {
            var init = (delegate* unmanaged<byte>)NativeLibrary.GetExport(Handle, "InitDll");
            if (init() == 0) throw new InvalidOperationException("InitDll returned false");
        }
        else
        {
            var entry = (delegate* unmanaged<void*, byte>)NativeLibrary.GetExport(Handle, "ModuleEntry");
            if (entry((void*)Handle) == 0) throw new InvalidOperationException("ModuleEntry returned false");
        }
        var getFactory = (delegate* unmanaged<void*>)NativeLibrary.GetExport(Handle, "GetPluginFactory");
        Factory = getFactory();
        if (Factory == null) throw new InvalidOperationException("GetPluginFactory returned null");
        _allocated = (delegate* unmanaged<long>)NativeLibrary.GetExport(Handle, "Audio2Midi_AllocatedBytesForCurrentThread");
        _caught = (delegate* unmanaged<int>)NativeLibrary.GetExport(Handle, "Audio2Midi_CaughtExceptions");
    }

    private readonly delegate* unmanaged<long> _allocated;
    private readonly delegate* unmanaged<int> _caught;

    public static NativeModule Instance => s_instance.Value;

    public string Path { get; }

    public IntPtr Handle { get; }

    /// <summary>IPluginFactory* (the module's reference, held for the run).</summary>
    public void* Factory { get; }

    /// <summary>Bytes the plugin's own runtime (its GC) allocated on the calling thread.</summary>
    public long AllocatedBytesForCurrentThread => _allocated();

    public int CaughtExceptions => _caught();

    public static void* Slot(void* obj, int index) => (*(void***)obj)[index];

    public void* QueryInterface(void* obj, Tuid iid)
    {
        void* result = null;
        int r = ((delegate* unmanaged<void*, Tuid*, void**, int>)Slot(obj, 0))(obj, &iid, &result);
        return r == Result.Ok ? result : null;
    }

    public static uint AddRef(void* obj) => ((delegate* unmanaged<void*, uint>)Slot(obj, 1))(obj);

    public static uint Release(void* obj) => ((delegate* unmanaged<void*, uint>)Slot(obj, 2))(obj);

    public int CountClasses() => ((delegate* unmanaged<void*, int>)Slot(Factory, 4))(Factory);

    public int GetClassInfo(int index, PClassInfo* info) => ((delegate* unmanaged<void*, int, PClassInfo*, int>)Slot(Factory, 5))(Factory, index, info);

    public int GetClassInfo2(int index, PClassInfo2* info) => ((delegate* unmanaged<void*, int, PClassInfo2*, int>)Slot(Factory, 7))(Factory, index, info);

    public int GetClassInfoUnicode(int index, PClassInfoW* info) => ((delegate* unmanaged<void*, int, PClassInfoW*, int>)Slot(Factory, 8))(Factory, index, info);

    public int GetFactoryInfo(PFactoryInfo* info) => ((delegate* unmanaged<void*, PFactoryInfo*, int>)Slot(Factory, 3))(Factory, info);

    public void* CreateInstance(Tuid cid, Tuid iid)
    {
        void* obj = null;
        int r = ((delegate* unmanaged<void*, Tuid*, Tuid*, void**, int>)Slot(Factory, 6))(Factory, &cid, &iid, &obj);
        return r == Result.Ok ? obj : null;
    }
}
