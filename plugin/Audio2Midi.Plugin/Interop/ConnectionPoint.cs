namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// IConnectionPoint for the processor and the controller (separate objects). The peer (the other half, or the host's
/// proxy for it) is held with a reference until disconnect; notify hands the host's IMessage to the owner
/// (<see cref="ConnectableComObject.OnMessage"/>; <see cref="Messages"/> says what they carry).
/// </summary>
internal sealed unsafe class ConnectionPoint
{
    private void* _peer;

    public static readonly ComInterface Interface = new(CreateVtable(), Iids.IConnectionPoint);

    public bool IsConnected => _peer != null;

    /// <summary>The connected peer's IConnectionPoint, or null.</summary>
    public void* Peer => _peer;

    /// <summary>
    /// True if <paramref name="point"/> is one of this module's own connection points (the host connected
    /// our two halves directly, with no proxy between): then the object behind it can be reached in managed
    /// code. Only the vtable pointer is read, which every COM object has.
    /// </summary>
    public static bool IsOurs(void* point) => point != null && *(void***)point == Interface.Vtable;

    public int Connect(void* other)
    {
        if (other == null) return Result.InvalidArgument;
        if (_peer != null) return Result.False;
        HostCalls.AddRef(other);
        _peer = other;
        return Result.Ok;
    }

    public int Disconnect(void* other)
    {
        if (other == null || other != _peer) return Result.InvalidArgument;
        _peer = null;
        HostCalls.Release(other);
        return Result.Ok;
    }

    public void DisconnectAll()
    {
        void* peer = _peer;
        _peer = null;
        if (peer != null) HostCalls.Release(peer);
    }

    private static void** CreateVtable()
    {
        void** v = ComInterface.NewVtable(6);
        v[3] = (delegate* unmanaged<void*, void*, int>)&ConnectThunk;
        v[4] = (delegate* unmanaged<void*, void*, int>)&DisconnectThunk;
        v[5] = (delegate* unmanaged<void*, void*, int>)&NotifyThunk;
        return v;
    }

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int ConnectThunk(void* self, void* other)
    {
        try { return ComObject.From<ConnectableComObject>(self)?.Connection.Connect(other) ?? Result.InvalidArgument; }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int DisconnectThunk(void* self, void* other)
    {
        try { return ComObject.From<ConnectableComObject>(self)?.Connection.Disconnect(other) ?? Result.InvalidArgument; }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int NotifyThunk(void* self, void* message)
    {
        try
        {
            if (message == null) return Result.InvalidArgument;
            ConnectableComObject? o = ComObject.From<ConnectableComObject>(self);
            return o is null ? Result.InvalidArgument : o.OnMessage(message);
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }
}

/// <summary>A COM object that exposes a <see cref="ConnectionPoint"/> and takes the host's context in initialize.</summary>
internal abstract unsafe class ConnectableComObject(params ComInterface[] interfaces) : ComObject(interfaces)
{
    public ConnectionPoint Connection { get; } = new();

    /// <summary>The host application passed to initialize (makes the messages this half sends).</summary>
    public HostContext Host { get; } = new();

    /// <summary>A message from the other half (UI thread); unknown ones are ignored.</summary>
    public virtual int OnMessage(void* message) => Result.False;
}
