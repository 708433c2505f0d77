using System.Runtime.InteropServices;
using System.Text;
using Audio2Midi.Plugin.Interop;

namespace Audio2Midi.Plugin.Tests.Host;

/// <summary>
/// The context a host passes to initialize: IHostApplication (its name, and createInstance for IMessage, as hosts
/// make the messages plugins send), and optionally Linux::IRunLoop on the same object (as some Linux hosts offer it
/// there, <see cref="HostRunLoop"/>), whose timers the test fires by hand on its own thread, the test host's UI thread.
/// </summary>
internal sealed unsafe class HostApplication : ComObject, IRunLoopOwner
{
    private static readonly ComInterface AppInterface = new(AppVtable(), Iids.FUnknown, Iids.IHostApplication);

    public HostApplication(bool runLoop = false) : base(runLoop ? [AppInterface, HostRunLoop.Interface] : [AppInterface]) { }

    public HostRunLoop RunLoop { get; } = new();

    public void* Pointer => InterfacePointer(0);

    /// <summary>Messages made through createInstance so far.</summary>
    public int MessagesCreated { get; private set; }

    public int TimerCount => RunLoop.TimerCount;

    public void FireTimers() => RunLoop.FireTimers();

    private static void** AppVtable()
    {
        void** v = ComInterface.NewVtable(5);
        v[3] = (delegate* unmanaged<void*, char*, int>)&GetName;
        v[4] = (delegate* unmanaged<void*, Tuid*, Tuid*, void**, int>)&CreateInstance;
        return v;
    }

    [UnmanagedCallersOnly]
    private static int GetName(void* self, char* name)
    {
        Strings.WriteUtf16(name, 128, "Audio2Midi test host");
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int CreateInstance(void* self, Tuid* cid, Tuid* iid, void** obj)
    {
        *obj = null;
        if (*cid != Iids.IMessage || *iid != Iids.IMessage) return Result.NoInterface;
        var message = new HostMessage();
        *obj = message.Pointer;   // the caller owns the one reference
        From<HostApplication>(self)!.MessagesCreated++;
        return Result.Ok;
    }
}

/// <summary>IMessage as a host makes it: an id and an attribute list (integers only: all the plugin sends).</summary>
internal sealed unsafe class HostMessage : ComObject
{
    private static readonly ComInterface MessageInterface = new(MessageVtable(), Iids.FUnknown, Iids.IMessage);
    private static readonly ComInterface ListInterface = new(ListVtable(), Iids.IAttributeList);
    private byte* _id;
    private readonly Dictionary<string, long> _ints = [];

    public HostMessage() : base(MessageInterface, ListInterface) { }

    public void* Pointer => InterfacePointer(0);

    protected override void OnFinalRelease()
    {
        if (_id != null) NativeMemory.Free(_id);
        _id = null;
    }

    private static void** MessageVtable()
    {
        void** v = ComInterface.NewVtable(6);
        v[3] = (delegate* unmanaged<void*, byte*>)&GetMessageId;
        v[4] = (delegate* unmanaged<void*, byte*, void>)&SetMessageId;
        v[5] = (delegate* unmanaged<void*, void*>)&GetAttributes;
        return v;
    }

    [UnmanagedCallersOnly]
    private static byte* GetMessageId(void* self) => From<HostMessage>(self)!._id;

    [UnmanagedCallersOnly]
    private static void SetMessageId(void* self, byte* id)
    {
        var m = From<HostMessage>(self)!;
        if (m._id != null) NativeMemory.Free(m._id);
        m._id = null;
        if (id == null) return;
        int n = 0;
        while (id[n] != 0) n++;
        m._id = (byte*)NativeMemory.Alloc((nuint)n + 1);
        Buffer.MemoryCopy(id, m._id, n + 1, n + 1);
    }

    // The attribute list lives in the message (no reference added: it is valid while the message is).
    [UnmanagedCallersOnly]
    private static void* GetAttributes(void* self) => From<HostMessage>(self)!.InterfacePointer(1);

    private static string Key(byte* id)
    {
        int n = 0;
        while (id[n] != 0) n++;
        return Encoding.ASCII.GetString(id, n);
    }

    private static void** ListVtable()
    {
        void** v = ComInterface.NewVtable(11);
        v[3] = (delegate* unmanaged<void*, byte*, long, int>)&SetInt;
        v[4] = (delegate* unmanaged<void*, byte*, long*, int>)&GetInt;
        for (int i = 5; i < 11; i++) v[i] = (delegate* unmanaged<void*, int>)&NotSupported;
        return v;
    }

    [UnmanagedCallersOnly]
    private static int SetInt(void* self, byte* id, long value)
    {
        if (id == null) return Result.InvalidArgument;
        From<HostMessage>(self)!._ints[Key(id)] = value;
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int GetInt(void* self, byte* id, long* value)
    {
        if (id == null || value == null || !From<HostMessage>(self)!._ints.TryGetValue(Key(id), out long v)) return Result.False;
        *value = v;
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int NotSupported(void* self) => Result.NotImplemented;
}

/// <summary>
/// The VST3 SDK hosting helpers' connection proxy: the host connects each half to a proxy of the other, so neither
/// sees the other's object. It forwards notify only on the thread that made it (as the SDK's does) and counts any
/// message from another thread (the audio thread must send none).
/// </summary>
internal sealed unsafe class HostConnectionProxy : ComObject
{
    private static readonly ComInterface PointInterface = new(Vtable(), Iids.FUnknown, Iids.IConnectionPoint);
    private readonly void* _source;   // the half this proxy stands in front of
    private void* _destination;       // the other half
    private readonly int _thread = Environment.CurrentManagedThreadId;

    public HostConnectionProxy(void* source) : base(PointInterface) => _source = source;

    public void* Pointer => InterfacePointer(0);

    public int Forwarded { get; private set; }

    public int FromOtherThreads { get; private set; }

    /// <summary>SDK order: remember the destination, then connect the source to this proxy.</summary>
    public int ConnectTo(void* destination)
    {
        _destination = destination;
        return ((delegate* unmanaged<void*, void*, int>)NativeModule.Slot(_source, 3))(_source, Pointer);
    }

    public int Disconnect()
    {
        int r = ((delegate* unmanaged<void*, void*, int>)NativeModule.Slot(_source, 4))(_source, Pointer);
        _destination = null;
        return r;
    }

    private static void** Vtable()
    {
        void** v = ComInterface.NewVtable(6);
        v[3] = (delegate* unmanaged<void*, void*, int>)&Connect;
        v[4] = (delegate* unmanaged<void*, void*, int>)&DisconnectThunk;
        v[5] = (delegate* unmanaged<void*, void*, int>)&Notify;
        return v;
    }

    [UnmanagedCallersOnly]
    private static int Connect(void* self, void* other) => Result.False;   // only the host connects a proxy

    [UnmanagedCallersOnly]
    private static int DisconnectThunk(void* self, void* other) => Result.Ok;

    [UnmanagedCallersOnly]
    private static int Notify(void* self, void* message)
    {
        var proxy = From<HostConnectionProxy>(self)!;
        if (Environment.CurrentManagedThreadId != proxy._thread)
        {
            proxy.FromOtherThreads++;
            return Result.False;
        }
        if (proxy._destination == null || message == null) return Result.False;
        proxy.Forwarded++;
        return ((delegate* unmanaged<void*, void*, int>)NativeModule.Slot(proxy._destination, 5))(proxy._destination, message);
    }
}
