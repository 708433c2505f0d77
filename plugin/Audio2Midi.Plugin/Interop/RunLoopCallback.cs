using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// What a host's Linux::IRunLoop calls back: one object that is both an ITimerHandler (<see cref="TimerPointer"/>) and
/// an IEventHandler (<see cref="EventPointer"/>), running one action on the host's UI thread. <see cref="Stop"/> before
/// unregistering, so a call already on its way does nothing.
/// </summary>
internal sealed unsafe class RunLoopCallback : ComObject
{
    private static readonly ComInterface TimerInterface = new(TimerVtable(), Iids.FUnknown, Iids.ITimerHandler);
    private static readonly ComInterface EventInterface = new(EventVtable(), Iids.IEventHandler);
    private Action? _action;

    public RunLoopCallback(Action action) : base(TimerInterface, EventInterface) => _action = action;

    public void* TimerPointer => InterfacePointer(0);

    public void* EventPointer => InterfacePointer(1);

    public void Stop() => _action = null;

    private static void** TimerVtable()
    {
        void** v = ComInterface.NewVtable(4);
        v[3] = (delegate* unmanaged<void*, void>)&OnTimer;
        return v;
    }

    private static void** EventVtable()
    {
        void** v = ComInterface.NewVtable(4);
        v[3] = (delegate* unmanaged<void*, int, void>)&OnFdIsSet;
        return v;
    }

    private static void Run(void* self)
    {
        try { From<RunLoopCallback>(self)?._action?.Invoke(); }
        catch (Exception e) { Diagnostics.Report(e); }
    }

    [UnmanagedCallersOnly]
    private static void OnTimer(void* self) => Run(self);

    [UnmanagedCallersOnly]
    private static void OnFdIsSet(void* self, int fd) => Run(self);
}
