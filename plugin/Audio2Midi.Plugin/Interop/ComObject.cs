using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// One C++-style interface a <see cref="ComObject"/> exposes: its vtable and the IIDs that
/// queryInterface answers with it (an interface answers for its bases too: FUnknown, IPluginBase...).
/// </summary>
internal sealed unsafe class ComInterface(void** vtable, params Tuid[] iids)
{
    public void** Vtable { get; } = vtable;

    public Tuid[] Iids { get; } = iids;

    /// <summary>Allocates a vtable of <paramref name="slots"/> entries whose first three are FUnknown's.</summary>
    public static void** NewVtable(int slots)
    {
        var v = (void**)NativeMemory.AllocZeroed((nuint)(slots * sizeof(void*)));
        v[0] = (delegate* unmanaged<void*, void*, void**, int>)&ComObject.QueryInterface;
        v[1] = (delegate* unmanaged<void*, uint>)&ComObject.AddRef;
        v[2] = (delegate* unmanaged<void*, uint>)&ComObject.Release;
        return v;
    }
}

/// <summary>
/// The native face of a managed object: a block of (vtable pointer, GCHandle) pairs, one pair per
/// interface, so any interface pointer leads back to the object. Reference counting and
/// queryInterface follow funknown.h: queryInterface adds a reference on success and sets *obj to null
/// on failure; the object dies when the count reaches 0. Nothing thrown here reaches the host.
/// </summary>
internal abstract unsafe class ComObject
{
    private const int SlotSize = 16;
    private readonly ComInterface[] _interfaces;
    private readonly byte* _block;
    private GCHandle _self;
    private int _refCount = 1;

    protected ComObject(params ComInterface[] interfaces)
    {
        _interfaces = interfaces;
        _self = GCHandle.Alloc(this, GCHandleType.Normal);
        _block = (byte*)NativeMemory.AllocZeroed((nuint)(interfaces.Length * SlotSize));
        for (int i = 0; i < interfaces.Length; i++)
        {
            *(void***)(_block + i * SlotSize) = interfaces[i].Vtable;
            *(IntPtr*)(_block + i * SlotSize + 8) = GCHandle.ToIntPtr(_self);
        }
    }

    /// <summary>The pointer for interface <paramref name="index"/> (no reference added).</summary>
    public void* InterfacePointer(int index) => _block + index * SlotSize;

    public int RefCount => Volatile.Read(ref _refCount);

    /// <summary>The managed object behind any of its interface pointers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T? From<T>(void* self) where T : ComObject
    {
        if (self == null) return null;
        IntPtr handle = *(IntPtr*)((byte*)self + 8);
        return handle == IntPtr.Zero ? null : GCHandle.FromIntPtr(handle).Target as T;
    }

    public int Query(void* iid, void** obj)
    {
        if (obj == null) return Result.InvalidArgument;
        *obj = null;
        if (iid == null) return Result.InvalidArgument;
        Tuid wanted = Tuid.Read(iid);
        for (int i = 0; i < _interfaces.Length; i++)
        {
            foreach (Tuid t in _interfaces[i].Iids)
            {
                if (t != wanted) continue;
                AddReference();
                *obj = InterfacePointer(i);
                return Result.Ok;
            }
        }
        return Result.NoInterface;
    }

    public uint AddReference() => (uint)Interlocked.Increment(ref _refCount);

    public uint ReleaseReference()
    {
        int n = Interlocked.Decrement(ref _refCount);
        if (n == 0)
        {
            try { OnFinalRelease(); }
            catch (Exception e) { Diagnostics.Report(e); }
            for (int i = 0; i < _interfaces.Length; i++) *(IntPtr*)(_block + i * SlotSize + 8) = IntPtr.Zero;
            _self.Free();
            NativeMemory.Free(_block);
        }
        return (uint)Math.Max(n, 0);
    }

    /// <summary>The last reference is gone: release what the object holds (host interfaces, engines).</summary>
    protected virtual void OnFinalRelease() { }

    [UnmanagedCallersOnly]
    internal static int QueryInterface(void* self, void* iid, void** obj)
    {
        try
        {
            ComObject? o = From<ComObject>(self);
            if (o is null) { if (obj != null) *obj = null; return Result.InvalidArgument; }
            return o.Query(iid, obj);
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    internal static uint AddRef(void* self)
    {
        try { return From<ComObject>(self)?.AddReference() ?? 0; }
        catch (Exception e) { Diagnostics.Report(e); return 0; }
    }

    [UnmanagedCallersOnly]
    internal static uint Release(void* self)
    {
        try { return From<ComObject>(self)?.ReleaseReference() ?? 0; }
        catch (Exception e) { Diagnostics.Report(e); return 0; }
    }
}
