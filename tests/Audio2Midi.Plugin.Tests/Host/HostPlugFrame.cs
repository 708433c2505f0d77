using System.Runtime.InteropServices;
using Audio2Midi.Plugin.Interop;

namespace Audio2Midi.Plugin.Tests.Host;

/// <summary>
/// IPlugFrame with Linux::IRunLoop on the same object (<see cref="HostRunLoop"/>), as Linux hosts give an editor: the
/// test fires the registered timers and file-descriptor handlers by hand on its own thread (the test host's UI thread).
/// </summary>
internal sealed unsafe class HostPlugFrame : ComObject, IRunLoopOwner
{
    private static readonly Tuid IPlugFrame = Tuid.FromWords(0x367FAF01, 0xAFA94693, 0x8D4DA2A0, 0xED0882A3);
    private static readonly ComInterface FrameInterface = new(FrameVtable(), Iids.FUnknown, IPlugFrame);

    public HostPlugFrame() : base(FrameInterface, HostRunLoop.Interface) { }

    public HostRunLoop RunLoop { get; } = new();

    public void* Pointer => InterfacePointer(0);

    public int TimerCount => RunLoop.TimerCount;

    public int HandlerCount => RunLoop.HandlerCount;

    public List<(int Width, int Height)> ResizeRequests { get; } = [];

    public void FireTimers() => RunLoop.FireTimers();

    public void FireHandlers() => RunLoop.FireHandlers();

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
}
