using System.Runtime.InteropServices;
using Audio2Midi.Plugin.Interop;

namespace Audio2Midi.Plugin.Tests.Host;

/// <summary>A test host object that answers for Linux::IRunLoop (its context, or the IPlugFrame it gives an editor).</summary>
internal interface IRunLoopOwner
{
    HostRunLoop RunLoop { get; }
}

/// <summary>
/// Linux::IRunLoop as the test hosts offer it: the timers and file-descriptor handlers the plugin registers, held with
/// a reference until unregistered, and fired by hand on the test's own thread (the test host's UI thread). One
/// implementation for every host object that offers it (<see cref="IRunLoopOwner"/>).
/// </summary>
internal sealed unsafe class HostRunLoop
{
    public static readonly ComInterface Interface = new(Vtable(), Iids.IRunLoop);

    private readonly List<nint> _timers = [];
    private readonly List<(nint Handler, int Fd)> _handlers = [];

    public int TimerCount => _timers.Count;

    public int HandlerCount => _handlers.Count;

    /// <summary>Calls onTimer of every registered timer handler, as the host's run loop does.</summary>
    public void FireTimers()
    {
        foreach (nint h in _timers.ToArray()) ((delegate* unmanaged<void*, void>)NativeModule.Slot((void*)h, 3))((void*)h);
    }

    /// <summary>Calls onFDIsSet of every registered event handler, as the host does when its descriptor is readable.</summary>
    public void FireHandlers()
    {
        foreach ((nint h, int fd) in _handlers.ToArray()) ((delegate* unmanaged<void*, int, void>)NativeModule.Slot((void*)h, 3))((void*)h, fd);
    }

    private static HostRunLoop Of(void* self) => ((IRunLoopOwner)ComObject.From<ComObject>(self)!).RunLoop;

    private static void** Vtable()
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
        Of(self)._handlers.Add(((nint)handler, fd));
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int UnregisterEventHandler(void* self, void* handler)
    {
        HostRunLoop loop = Of(self);
        int i = loop._handlers.FindIndex(h => h.Handler == (nint)handler);
        if (i < 0) return Result.InvalidArgument;
        loop._handlers.RemoveAt(i);
        HostCalls.Release(handler);
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int RegisterTimer(void* self, void* handler, ulong milliseconds)
    {
        if (handler == null || milliseconds == 0) return Result.InvalidArgument;
        HostCalls.AddRef(handler);
        Of(self)._timers.Add((nint)handler);
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int UnregisterTimer(void* self, void* handler)
    {
        if (!Of(self)._timers.Remove((nint)handler)) return Result.InvalidArgument;
        HostCalls.Release(handler);
        return Result.Ok;
    }
}
