using System.Runtime.InteropServices;
using Audio2Midi.Plugin.Interop;

namespace Audio2Midi.Plugin.Tests.Host;

/// <summary>IBStream over a byte buffer, as a host passes to getState/setState.</summary>
internal sealed unsafe class HostMemoryStream : ComObject
{
    private static readonly ComInterface StreamInterface = new(Vtable(), Iids.FUnknown, Iids.IBStream);
    private readonly List<byte> _data;
    private int _position;

    public HostMemoryStream(byte[]? data = null) : base(StreamInterface) => _data = data is null ? [] : [.. data];

    public byte[] ToArray() => [.. _data];

    public void* Pointer => InterfacePointer(0);

    private static void** Vtable()
    {
        void** v = ComInterface.NewVtable(7);
        v[3] = (delegate* unmanaged<void*, byte*, int, int*, int>)&Read;
        v[4] = (delegate* unmanaged<void*, byte*, int, int*, int>)&Write;
        v[5] = (delegate* unmanaged<void*, long, int, long*, int>)&Seek;
        v[6] = (delegate* unmanaged<void*, long*, int>)&Tell;
        return v;
    }

    [UnmanagedCallersOnly]
    private static int Read(void* self, byte* buffer, int count, int* read)
    {
        var s = From<HostMemoryStream>(self)!;
        int n = Math.Max(0, Math.Min(count, s._data.Count - s._position));
        for (int i = 0; i < n; i++) buffer[i] = s._data[s._position + i];
        s._position += n;
        if (read != null) *read = n;
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int Write(void* self, byte* buffer, int count, int* written)
    {
        var s = From<HostMemoryStream>(self)!;
        for (int i = 0; i < count; i++)
        {
            if (s._position < s._data.Count) s._data[s._position] = buffer[i];
            else s._data.Add(buffer[i]);
            s._position++;
        }
        if (written != null) *written = count;
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int Seek(void* self, long pos, int mode, long* result)
    {
        var s = From<HostMemoryStream>(self)!;
        long p = mode switch { Vst.SeekSet => pos, Vst.SeekCur => s._position + pos, _ => s._data.Count + pos };
        s._position = (int)Math.Clamp(p, 0, s._data.Count);
        if (result != null) *result = s._position;
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int Tell(void* self, long* pos)
    {
        if (pos != null) *pos = From<HostMemoryStream>(self)!._position;
        return Result.Ok;
    }
}

/// <summary>IEventList that records what the plugin adds (preallocated: no allocation per event).</summary>
internal sealed unsafe class HostEventRecorder : ComObject
{
    private static readonly ComInterface ListInterface = new(Vtable(), Iids.FUnknown, Iids.IEventList);
    private readonly Event[] _events = new Event[4096];

    public HostEventRecorder() : base(ListInterface) { }

    public int Count { get; private set; }

    public ReadOnlySpan<Event> Events => _events.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void* Pointer => InterfacePointer(0);

    private static void** Vtable()
    {
        void** v = ComInterface.NewVtable(6);
        v[3] = (delegate* unmanaged<void*, int>)&GetEventCount;
        v[4] = (delegate* unmanaged<void*, int, Event*, int>)&GetEvent;
        v[5] = (delegate* unmanaged<void*, Event*, int>)&AddEvent;
        return v;
    }

    [UnmanagedCallersOnly]
    private static int GetEventCount(void* self) => From<HostEventRecorder>(self)!.Count;

    [UnmanagedCallersOnly]
    private static int GetEvent(void* self, int index, Event* e)
    {
        var l = From<HostEventRecorder>(self)!;
        if (index < 0 || index >= l.Count) return Result.InvalidArgument;
        *e = l._events[index];
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int AddEvent(void* self, Event* e)
    {
        var l = From<HostEventRecorder>(self)!;
        if (l.Count == l._events.Length) return Result.OutOfMemory;
        l._events[l.Count++] = *e;
        return Result.Ok;
    }
}

/// <summary>IParamValueQueue: one parameter's points for a block.</summary>
internal sealed unsafe class HostParamQueue : ComObject
{
    private static readonly ComInterface QueueInterface = new(Vtable(), Iids.FUnknown, Iids.IParamValueQueue);
    private readonly int[] _offsets = new int[64];
    private readonly double[] _values = new double[64];

    public HostParamQueue() : base(QueueInterface) { }

    public uint Id { get; set; }

    public int Count { get; set; }

    public double LastValue => _values[Count - 1];

    public void Add(int offset, double value)
    {
        _offsets[Count] = offset;
        _values[Count] = value;
        Count++;
    }

    public void* Pointer => InterfacePointer(0);

    private static void** Vtable()
    {
        void** v = ComInterface.NewVtable(7);
        v[3] = (delegate* unmanaged<void*, uint>)&GetParameterId;
        v[4] = (delegate* unmanaged<void*, int>)&GetPointCount;
        v[5] = (delegate* unmanaged<void*, int, int*, double*, int>)&GetPoint;
        v[6] = (delegate* unmanaged<void*, int, double, int*, int>)&AddPoint;
        return v;
    }

    [UnmanagedCallersOnly]
    private static uint GetParameterId(void* self) => From<HostParamQueue>(self)!.Id;

    [UnmanagedCallersOnly]
    private static int GetPointCount(void* self) => From<HostParamQueue>(self)!.Count;

    [UnmanagedCallersOnly]
    private static int GetPoint(void* self, int index, int* offset, double* value)
    {
        var q = From<HostParamQueue>(self)!;
        if (index < 0 || index >= q.Count) return Result.InvalidArgument;
        *offset = q._offsets[index];
        *value = q._values[index];
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int AddPoint(void* self, int offset, double value, int* index)
    {
        var q = From<HostParamQueue>(self)!;
        q.Add(offset, value);
        *index = q.Count - 1;
        return Result.Ok;
    }
}

/// <summary>IParameterChanges: the queues of one block.</summary>
internal sealed unsafe class HostParameterChangeList : ComObject
{
    private static readonly ComInterface ChangesInterface = new(Vtable(), Iids.FUnknown, Iids.IParameterChanges);
    private readonly HostParamQueue[] _queues = Enumerable.Range(0, 32).Select(_ => new HostParamQueue()).ToArray();

    public HostParameterChangeList() : base(ChangesInterface) { }

    /// <summary>The last point's value in the queue of <paramref name="id"/>, or null if the block has none.</summary>
    public double? Last(uint id)
    {
        for (int i = 0; i < Count; i++)
            if (_queues[i].Id == id && _queues[i].Count > 0) return _queues[i].LastValue;
        return null;
    }

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    /// <summary>Adds a point to the queue of <paramref name="id"/>, opening the queue if needed.</summary>
    public void Add(uint id, int offset, double normalized)
    {
        for (int i = 0; i < Count; i++)
        {
            if (_queues[i].Id != id) continue;
            _queues[i].Add(offset, normalized);
            return;
        }
        HostParamQueue q = _queues[Count++];
        q.Id = id;
        q.Count = 0;
        q.Add(offset, normalized);
    }

    public void* Pointer => InterfacePointer(0);


    private static void** Vtable()
    {
        void** v = ComInterface.NewVtable(6);
        v[3] = (delegate* unmanaged<void*, int>)&GetParameterCount;
        v[4] = (delegate* unmanaged<void*, int, void*>)&GetParameterData;
        v[5] = (delegate* unmanaged<void*, uint*, int*, void*>)&AddParameterData;
        return v;
    }

    [UnmanagedCallersOnly]
    private static int GetParameterCount(void* self) => From<HostParameterChangeList>(self)!.Count;

    [UnmanagedCallersOnly]
    private static void* GetParameterData(void* self, int index)
    {
        var c = From<HostParameterChangeList>(self)!;
        return index >= 0 && index < c.Count ? c._queues[index].Pointer : null;
    }

    [UnmanagedCallersOnly]
    private static void* AddParameterData(void* self, uint* id, int* index)
    {
        var c = From<HostParameterChangeList>(self)!;
        c.Add(*id, 0, 0);
        c._queues[c.Count - 1].Count = 0;
        *index = c.Count - 1;
        return c._queues[c.Count - 1].Pointer;
    }
}

/// <summary>IComponentHandler (and IUnitHandler) that records the restartComponent flags and program list changes the controller sends.</summary>
internal sealed unsafe class HostComponentHandler : ComObject
{
    private static readonly ComInterface HandlerInterface = new(Vtable(), Iids.FUnknown, Iids.IComponentHandler);
    private static readonly ComInterface UnitHandlerInterface = new(UnitVtable(), Iids.IUnitHandler);

    public HostComponentHandler() : base(HandlerInterface, UnitHandlerInterface) { }

    public List<int> Restarts { get; } = [];

    /// <summary>notifyProgramListChange calls: (list id, program index; -1 = all).</summary>
    public List<(int ListId, int Program)> ProgramListChanges { get; } = [];

    /// <summary>Depth of host calls in progress that may hold a host's locks (setParamNormalized, setState, setComponentState).</summary>
    [ThreadStatic] public static int InsideHostCall;

    /// <summary>restartComponent calls that came inside such a host call (there must be none).</summary>
    public int RestartsInsideHostCalls { get; private set; }

    /// <summary>What the host does on a restart request (a real one reads the latency again).</summary>
    public Action<int>? OnRestart { get; set; }

    public List<(uint Id, double Value)> Edits { get; } = [];

    public void* Pointer => InterfacePointer(0);

    private static void** Vtable()
    {
        void** v = ComInterface.NewVtable(7);
        v[3] = (delegate* unmanaged<void*, uint, int>)&BeginEdit;
        v[4] = (delegate* unmanaged<void*, uint, double, int>)&PerformEdit;
        v[5] = (delegate* unmanaged<void*, uint, int>)&EndEdit;
        v[6] = (delegate* unmanaged<void*, int, int>)&RestartComponent;
        return v;
    }

    private static void** UnitVtable()
    {
        void** v = ComInterface.NewVtable(5);
        v[3] = (delegate* unmanaged<void*, int, int>)&NotifyUnitSelection;
        v[4] = (delegate* unmanaged<void*, int, int, int>)&NotifyProgramListChange;
        return v;
    }

    [UnmanagedCallersOnly]
    private static int NotifyUnitSelection(void* self, int unitId) => Result.Ok;

    [UnmanagedCallersOnly]
    private static int NotifyProgramListChange(void* self, int listId, int program)
    {
        From<HostComponentHandler>(self)!.ProgramListChanges.Add((listId, program));
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int BeginEdit(void* self, uint id) => Result.Ok;

    [UnmanagedCallersOnly]
    private static int PerformEdit(void* self, uint id, double value)
    {
        From<HostComponentHandler>(self)!.Edits.Add((id, value));
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int EndEdit(void* self, uint id) => Result.Ok;

    [UnmanagedCallersOnly]
    private static int RestartComponent(void* self, int flags)
    {
        var h = From<HostComponentHandler>(self)!;
        h.Restarts.Add(flags);
        if (InsideHostCall > 0) h.RestartsInsideHostCalls++;
        h.OnRestart?.Invoke(flags);
        return Result.Ok;
    }
}
