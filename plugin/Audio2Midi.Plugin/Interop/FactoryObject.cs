using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

/// <summary>IPluginFactory, IPluginFactory2, IPluginFactory3: class infos and instance creation.</summary>
internal sealed unsafe class FactoryObject : ComObject
{
    private static readonly ComInterface FactoryInterface = new(FactoryVtable(),
        Iids.FUnknown, Iids.IPluginFactory, Iids.IPluginFactory2, Iids.IPluginFactory3);

    private static FactoryObject? s_instance;

    private FactoryObject() : base(FactoryInterface) { }

    /// <summary>The module's one factory (the module holds one reference for its lifetime).</summary>
    public static FactoryObject Instance => s_instance ??= new FactoryObject();

    private const int ClassCount = 2;

    private static (Tuid Cid, string Category, string Name, string SubCategories) ClassAt(int index) => index == 0
        ? (PluginInfo.ProcessorCid, Vst.AudioEffectClass, PluginInfo.Name, PluginInfo.SubCategories)
        : (PluginInfo.ControllerCid, Vst.ComponentControllerClass, PluginInfo.ControllerName, "");

    private static void** FactoryVtable()
    {
        void** v = ComInterface.NewVtable(10);
        v[3] = (delegate* unmanaged<void*, PFactoryInfo*, int>)&GetFactoryInfo;
        v[4] = (delegate* unmanaged<void*, int>)&CountClasses;
        v[5] = (delegate* unmanaged<void*, int, PClassInfo*, int>)&GetClassInfo;
        v[6] = (delegate* unmanaged<void*, Tuid*, Tuid*, void**, int>)&CreateInstance;
        v[7] = (delegate* unmanaged<void*, int, PClassInfo2*, int>)&GetClassInfo2;
        v[8] = (delegate* unmanaged<void*, int, PClassInfoW*, int>)&GetClassInfoUnicode;
        v[9] = (delegate* unmanaged<void*, void*, int>)&SetHostContext;
        return v;
    }

    [UnmanagedCallersOnly]
    private static int GetFactoryInfo(void* self, PFactoryInfo* info)
    {
        try
        {
            if (info == null) return Result.InvalidArgument;
            *info = default;
            Strings.WriteAscii(info->Vendor, 64, PluginInfo.Vendor);
            Strings.WriteAscii(info->Url, 256, PluginInfo.Url);
            Strings.WriteAscii(info->Email, 128, PluginInfo.Email);
            info->Flags = Vst.FactoryUnicode;
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int CountClasses(void* self) => ClassCount;

    [UnmanagedCallersOnly]
    private static int GetClassInfo(void* self, int index, PClassInfo* info)
    {
        try
        {
            if (info == null || index < 0 || index >= ClassCount) return Result.InvalidArgument;
            var c = ClassAt(index);
            *info = default;
            info->Cid = c.Cid;
            info->Cardinality = Vst.ManyInstances;
            Strings.WriteAscii(info->Category, 32, c.Category);
            Strings.WriteAscii(info->Name, 64, c.Name);
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetClassInfo2(void* self, int index, PClassInfo2* info)
    {
        try
        {
            if (info == null || index < 0 || index >= ClassCount) return Result.InvalidArgument;
            var c = ClassAt(index);
            *info = default;
            info->Cid = c.Cid;
            info->Cardinality = Vst.ManyInstances;
            Strings.WriteAscii(info->Category, 32, c.Category);
            Strings.WriteAscii(info->Name, 64, c.Name);
            info->ClassFlags = 0;
            Strings.WriteAscii(info->SubCategories, 128, c.SubCategories);
            Strings.WriteAscii(info->Vendor, 64, PluginInfo.Vendor);
            Strings.WriteAscii(info->Version, 64, PluginInfo.Version);
            Strings.WriteAscii(info->SdkVersion, 64, Vst.SdkVersion);
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetClassInfoUnicode(void* self, int index, PClassInfoW* info)
    {
        try
        {
            if (info == null || index < 0 || index >= ClassCount) return Result.InvalidArgument;
            var c = ClassAt(index);
            *info = default;
            info->Cid = c.Cid;
            info->Cardinality = Vst.ManyInstances;
            Strings.WriteAscii(info->Category, 32, c.Category);
            Strings.WriteUtf16(info->Name, 64, c.Name);
            info->ClassFlags = 0;
            Strings.WriteAscii(info->SubCategories, 128, c.SubCategories);
            Strings.WriteUtf16(info->Vendor, 64, PluginInfo.Vendor);
            Strings.WriteUtf16(info->Version, 64, PluginInfo.Version);
            Strings.WriteUtf16(info->SdkVersion, 64, Vst.SdkVersion);
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int CreateInstance(void* self, Tuid* cid, Tuid* iid, void** obj)
    {
        try
        {
            if (obj == null) return Result.InvalidArgument;
            *obj = null;
            if (cid == null || iid == null) return Result.InvalidArgument;
            ComObject created;
            if (*cid == PluginInfo.ProcessorCid) created = new ComponentObject();
            else if (*cid == PluginInfo.ControllerCid) created = new ControllerObject();
            else return Result.False;
            int r = created.Query(iid, obj);
            created.ReleaseReference(); // the caller's reference (from Query) is the only one left
            return r == Result.Ok ? Result.Ok : Result.NoInterface;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int SetHostContext(void* self, void* context) => Result.Ok;
}
