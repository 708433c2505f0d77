using System.Runtime.InteropServices;
using Audio2Midi.Plugin.Interop;

namespace Audio2Midi.Plugin.Tests.Host;

/// <summary>
/// IPlugFrame with Linux::IRunLoop on the same object, as Linux hosts give an editor: the test fires the registered
/// timers and file-descriptor handlers by hand on its own thread (the test host's UI thread).
/// </summary>
internal sealed unsafe class HostPlugFrame : ComObject
{
    private static readonly Tuid IPlugFrame = Tuid.FromWords(0x367FAF01, 0xAFA94693, 0x8D4DA2A0, 0xED0882A3);
    private static readonly ComInterface FrameInterface = new(FrameVtable(), Iids.FUnknown, IPlugFrame);
    private static readonly ComInterface LoopInterface = new(LoopVtable(), Iids.IRunLoop);
    private readonly List<nint> _timers = [];
    private readonly List<(nint Handler, int Fd)> _handlers = [];

    public HostPlugFrame() : base(FrameInterface, LoopInterface) { }

    public void* Pointer => InterfacePointer(0);

    public int TimerCount => _timers.Count;

    public int HandlerCount => _handlers.Count;

    public List<(int Width, int Height)> ResizeRequests { get; } = [];

    public void FireTimers()
    {
        foreach (nint h in _timers.ToArray()) ((delegate* unmanaged<void*, void>)NativeModule.Slot((void*)h, 3))((void*)h);
    }

    public void FireHandlers()
    {
        foreach ((nint h, int fd) in _handlers.ToArray()) ((delegate* unmanaged<void*, int, void>)NativeModule.Slot((void*)h, 3))((void*)h, fd);
    }

    private static void** FrameVtable()
    {
        void** v = ComInterface.NewVtable(4);
        v[3] = (delegate* unmanaged<void*, void*, ViewRect*, int>)&ResizeView;
        return v;
    }

    [UnmanagedCallersOnly]
    private static int ResizeView(void* self, void* view, ViewRect* rect)
    {
        From<HostPlugFrame>(self)!.ResizeRequests.Add((rect->Width, rect->Height));
        return Result.Ok;
    }

    private static void** LoopVtable()
    {
        void** v = ComInterface.NewVtable(7);
        v[3] = (delegate* unmanaged<void*, void*, int, int>)&RegisterEventHandler;
        v[4] = (delegate* unmanaged<void*, void*, int>)&UnregisterEventHandler;
        v[5] = (delegate* unmanaged<void*, void*, ulong, int>)&RegisterTimer;
        v[6] = (delegate* unmanaged<void*, void*, int>)&UnregisterTimer;
        return v;
    }

    [UnmanagedCallersOnly]
    private static int RegisterEventHandler(void* self, void* handler, int fd)
    {
        if (handler == null || fd < 0) return Result.InvalidArgument;
        HostCalls.AddRef(handler);
        From<HostPlugFrame>(self)!._handlers.Add(((nint)handler, fd));
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int UnregisterEventHandler(void* self, void* handler)
    {
        var f = From<HostPlugFrame>(self)!;
        int i = f._handlers.FindIndex(h => h.Handler == (nint)handler);
        if (i < 0) return Result.InvalidArgument;
        f._handlers.RemoveAt(i);
        HostCalls.Release(handler);
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int RegisterTimer(void* self, void* handler, ulong milliseconds)
    {
        if (handler == null || milliseconds == 0) return Result.InvalidArgument;
        HostCalls.AddRef(handler);
        From<HostPlugFrame>(self)!._timers.Add((nint)handler);
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int UnregisterTimer(void* self, void* handler)
    {
        var f = From<HostPlugFrame>(self)!;
        if (!f._timers.Remove((nint)handler)) return Result.InvalidArgument;
        HostCalls.Release(handler);
        return Result.Ok;
    }
}
