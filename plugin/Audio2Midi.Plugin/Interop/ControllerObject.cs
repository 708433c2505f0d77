using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// The controller as the host sees it: IEditController, IUnitInfo and IConnectionPoint over one
/// <see cref="Controller"/>, and the plugin's window (<see cref="PlugViewObject"/>; hosts that open none show their
/// generic editor). It tells the processor what the user
/// chose (<see cref="Messages"/>) and announces latency changes from the UI thread's tick (<see cref="UiTimer"/>).
/// </summary>
internal sealed unsafe class ControllerObject : ConnectableComObject
{
    private static readonly ComInterface EditInterface = new(EditVtable(), Iids.FUnknown, Iids.IPluginBase, Iids.IEditController);
    private static readonly ComInterface UnitInterface = new(UnitVtable(), Iids.IUnitInfo);

    private void* _handler;
    private UiTimer? _timer;
    private readonly LatencyAnnouncer _announcer = new();
    private int _reported = -1, _hostRead = -1;   // the processor's last answer to a latency query

    public ControllerObject() : base(EditInterface, UnitInterface, ConnectionPoint.Interface)
    {
        ProgramList.Changed += OnPresetListChanged;
    }

    public Controller Controller { get; } = new();

    protected override void OnFinalRelease() => Shutdown();

    private void Shutdown()
    {
        ProgramList.Changed -= OnPresetListChanged;
        _timer?.Dispose();
        _timer = null;
        SetHandler(null);
        Connection.DisconnectAll();
        Host.Detach();
    }

    private void SetHandler(void* handler)
    {
        if (handler != null) HostCalls.AddRef(handler);
        void* old = _handler;
        _handler = handler;
        if (old != null) HostCalls.Release(old);
    }

    /// <summary>
    /// The processor learns what the user chose here (a preset, a Latency step) before the host's parameter change
    /// reaches process, so getLatencySamples reports the new latency at once: by a message the host creates (through
    /// any proxy), or, where the host makes no messages and connected our halves directly, by the direct link.
    /// </summary>
    private void TellProcessor(ReadOnlySpan<byte> id, ReadOnlySpan<byte> key, int value)
    {
        if (Messages.Send(Host, Connection.Peer, id, key, value) || DirectProcessor() is not { } processor) return;
        if (id.SequenceEqual(Messages.Preset)) processor.RequestPreset(value);
        else processor.RequestLatency(value);
    }

    /// <summary>Our own processor, where the host connected the halves directly (the fallback when it makes no messages), else null.</summary>
    private Processor? DirectProcessor()
    {
        void* peer = Connection.Peer;
        return ConnectionPoint.IsOurs(peer) ? ComObject.From<ComponentObject>(peer)?.Processor : null;
    }

    /// <summary>
    /// The UI thread's tick (<see cref="UiTimer"/>, or, where the host offers no timer, the next read of a value from
    /// the UI thread: getParamNormalized, getParamStringByValue, normalizedParamToPlain): asks the processor what latency it reports and what the host last read,
    /// and if they differ asks the host, once per new value, to read it again (restartComponent with kLatencyChanged).
    /// Never from inside a program change or setState: hosts may hold their locks there (Ardour 7.3 deadlocks).
    /// </summary>
    private void Tick()
    {
        if (_handler == null) return;
        if (!Messages.Send(Host, Connection.Peer, Messages.LatencyQuery) && DirectProcessor() is { } processor)
        {
            _reported = processor.LatencySamples;
            _hostRead = processor.HostReadLatencySamples;
        }
        if (_reported >= 0 && _announcer.ShouldAnnounce(_reported, _hostRead)) HostCalls.RestartComponent(_handler, Vst.RestartLatencyChanged);
    }

    /// <summary>
    /// The preset menu grew (a Rescan, from this instance's window or another's; UI thread): the Preset value keeps its
    /// preset, and the host is asked to read the program list, the parameter's range and its values again.
    /// </summary>
    private void OnPresetListChanged(int oldCount, int newCount)
    {
        Controller.PresetListChanged(oldCount);
        if (_handler == null) return;
        void* units = null;
        if (HostCalls.QueryInterface(_handler, Iids.IUnitHandler, &units) == Result.Ok && units != null)
        {
            HostCalls.NotifyProgramListChange(units, ProgramList.Id, Vst.AllProgramsInvalid);
            HostCalls.Release(units);
        }
        HostCalls.RestartComponent(_handler, Vst.RestartParamTitlesChanged | Vst.RestartParamValuesChanged | Vst.RestartMidiCCAssignmentChanged);
    }

    /// <summary>The UI timer, if the host offers one through its context or its component handler (initialize, setComponentHandler).</summary>
    private void StartTimer()
    {
        if (_timer is not null) return;
        _timer = UiTimer.Start(Host, _handler, Tick);
        if (_timer is not null || _handler != null)
            PluginLog.Write($"latency changes are announced from {_timer?.Source ?? "the next value the host reads on its UI thread (it offers no UI timer)"}");
    }

    /// <summary>A value read from the UI thread (never a state load, a parameter set or a program change): the tick, where no timer gives one.</summary>
    private void TickIfNoTimer()
    {
        if (_timer is null) Tick();
    }

    private int _feedId;

    /// <summary>The processor's feed for the window (asked for by message, or through the direct link), or null.</summary>
    public Editor.EditorFeed? EditorFeed
    {
        get
        {
            if (_feedId == 0)
            {
                if (!Messages.Send(Host, Connection.Peer, Messages.FeedQuery) && DirectProcessor() is { } processor)
                    _feedId = processor.FeedId;
            }
            return _feedId == 0 ? null : Editor.EditorFeeds.Find(_feedId);
        }
    }

    /// <summary>
    /// A control changed in the window: an edit the host records (beginEdit, performEdit, endEdit; the host then sends
    /// it to the processor), shown at once, and for a preset or Latency step told to the processor now (as from the
    /// host's generic editor) so getLatencySamples follows.
    /// </summary>
    public void UserEdit(ParameterId parameter, double value)
    {
        uint id = (uint)parameter;
        if (!Controller.SetNormalized(id, value)) return;
        if (_handler != null)
        {
            HostCalls.BeginEdit(_handler, id);
            HostCalls.PerformEdit(_handler, id, Controller.GetNormalized(id));
            HostCalls.EndEdit(_handler, id);
        }
        if (parameter == ParameterId.Engine) TellProcessor(Messages.Preset, Messages.ProgramKey, Controller.Program);
        else if (parameter == ParameterId.Latency) TellProcessor(Messages.LatencyStep, Messages.MillisecondsKey, Controller.LatencyMs);
    }

    /// <summary>The processor's answers: its latency, or its feed's number.</summary>
    public override int OnMessage(void* message)
    {
        if (Messages.Is(message, Messages.FeedReport))
        {
            if (!Messages.TryGetInt(message, Messages.FeedKey, out long feed)) return Result.InvalidArgument;
            _feedId = (int)Math.Clamp(feed, 0, int.MaxValue);
            return Result.Ok;
        }
        if (!Messages.Is(message, Messages.LatencyReport)) return Result.False;
        if (!Messages.TryGetInt(message, Messages.ReportedKey, out long reported) || !Messages.TryGetInt(message, Messages.HostReadKey, out long hostRead))
            return Result.InvalidArgument;
        _reported = (int)Math.Clamp(reported, -1, int.MaxValue);
        _hostRead = (int)Math.Clamp(hostRead, -1, int.MaxValue);
        return Result.Ok;
    }

    private static Controller? Of(void* self) => ComObject.From<ControllerObject>(self)?.Controller;

    private static int Flags(ParameterFlags f) =>
        ((f & ParameterFlags.Automatable) != 0 ? Vst.ParamCanAutomate : 0)
        | ((f & ParameterFlags.List) != 0 ? Vst.ParamIsList : 0)
        | ((f & ParameterFlags.ProgramChange) != 0 ? Vst.ParamIsProgramChange : 0)
        | ((f & ParameterFlags.Bypass) != 0 ? Vst.ParamIsBypass : 0)
        | ((f & ParameterFlags.ReadOnly) != 0 ? Vst.ParamIsReadOnly : 0);

    // ---- IEditController (IPluginBase: initialize, terminate) ----

    private static void** EditVtable()
    {
        void** v = ComInterface.NewVtable(18);
        v[3] = (delegate* unmanaged<void*, void*, int>)&Initialize;
        v[4] = (delegate* unmanaged<void*, int>)&Terminate;
        v[5] = (delegate* unmanaged<void*, void*, int>)&SetComponentState;
        v[6] = (delegate* unmanaged<void*, void*, int>)&SetState;
        v[7] = (delegate* unmanaged<void*, void*, int>)&GetState;
        v[8] = (delegate* unmanaged<void*, int>)&GetParameterCount;
        v[9] = (delegate* unmanaged<void*, int, ParameterInfo*, int>)&GetParameterInfo;
        v[10] = (delegate* unmanaged<void*, uint, double, char*, int>)&GetParamStringByValue;
        v[11] = (delegate* unmanaged<void*, uint, char*, double*, int>)&GetParamValueByString;
        v[12] = (delegate* unmanaged<void*, uint, double, double>)&NormalizedParamToPlain;
        v[13] = (delegate* unmanaged<void*, uint, double, double>)&PlainParamToNormalized;
        v[14] = (delegate* unmanaged<void*, uint, double>)&GetParamNormalized;
        v[15] = (delegate* unmanaged<void*, uint, double, int>)&SetParamNormalized;
        v[16] = (delegate* unmanaged<void*, void*, int>)&SetComponentHandler;
        v[17] = (delegate* unmanaged<void*, byte*, void*>)&CreateView;
        return v;
    }

    [UnmanagedCallersOnly]
    private static int Initialize(void* self, void* context)
    {
        try
        {
            ControllerObject? o = ComObject.From<ControllerObject>(self);
            if (o is null) return Result.InvalidArgument;
            o.Host.Attach(context);
            o.StartTimer();
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int Terminate(void* self)
    {
        try
        {
            ControllerObject? o = ComObject.From<ControllerObject>(self);
            if (o is null) return Result.InvalidArgument;
            o.Shutdown();
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int SetComponentState(void* self, void* stream)
    {
        try
        {
            Controller? c = Of(self);
            if (c is null || stream == null) return Result.InvalidArgument;
            byte[]? blob = HostStream.ReadBlob(stream, PluginState.ProcessorMagic);
            return c.SetComponentState(blob ?? []) ? Result.Ok : Result.False;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int SetState(void* self, void* stream)
    {
        try
        {
            if (Of(self) is null || stream == null) return Result.InvalidArgument;
            byte[]? blob = HostStream.ReadBlob(stream, PluginState.ControllerMagic);
            return Controller.SetState(blob ?? []) ? Result.Ok : Result.False;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetState(void* self, void* stream)
    {
        try
        {
            if (Of(self) is null || stream == null) return Result.InvalidArgument;
            return HostStream.Write(stream, Controller.GetState()) ? Result.Ok : Result.False;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetParameterCount(void* self)
    {
        try { return Of(self)?.ParameterCount ?? 0; }
        catch (Exception e) { Diagnostics.Report(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static int GetParameterInfo(void* self, int index, ParameterInfo* info)
    {
        try
        {
            ParameterDefinition? p = Of(self)?.ParameterAt(index);
            if (p is null || info == null) return Result.InvalidArgument;
            *info = default;
            info->Id = (uint)p.Id;
            Strings.WriteUtf16(info->Title, 128, p.Title);
            Strings.WriteUtf16(info->ShortTitle, 128, p.ShortTitle);
            Strings.WriteUtf16(info->Units, 128, p.Units);
            info->StepCount = p.StepCount;
            info->DefaultNormalizedValue = p.DefaultNormalized;
            info->UnitId = Vst.RootUnitId;
            info->Flags = Flags(p.Flags);
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetParamStringByValue(void* self, uint id, double normalized, char* text)
    {
        try
        {
            ControllerObject? o = ComObject.From<ControllerObject>(self);
            o?.TickIfNoTimer();
            string? s = o?.Controller.ValueToString(id, normalized);
            if (s is null || text == null) return Result.InvalidArgument;
            Strings.WriteUtf16(text, 128, s);
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetParamValueByString(void* self, uint id, char* text, double* normalized)
    {
        try
        {
            Controller? c = Of(self);
            if (c is null || text == null || normalized == null) return Result.InvalidArgument;
            if (!c.StringToValue(id, Strings.ReadUtf16(text, 128), out double v)) return Result.False;
            *normalized = v;
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static double NormalizedParamToPlain(void* self, uint id, double normalized)
    {
        try
        {
            ControllerObject? o = ComObject.From<ControllerObject>(self);
            o?.TickIfNoTimer();   // Ardour reads every value it shows through this, on its UI thread
            return o?.Controller.ToPlain(id, normalized) ?? 0;
        }
        catch (Exception e) { Diagnostics.Report(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static double PlainParamToNormalized(void* self, uint id, double plain)
    {
        try { return Of(self)?.ToNormalized(id, plain) ?? 0; }
        catch (Exception e) { Diagnostics.Report(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static double GetParamNormalized(void* self, uint id)
    {
        try
        {
            ControllerObject? o = ComObject.From<ControllerObject>(self);
            o?.TickIfNoTimer();
            return o?.Controller.GetNormalized(id) ?? 0;
        }
        catch (Exception e) { Diagnostics.Report(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static int SetParamNormalized(void* self, uint id, double value)
    {
        try
        {
            ControllerObject? o = ComObject.From<ControllerObject>(self);
            if (o is null) return Result.InvalidArgument;
            if (!o.Controller.SetNormalized(id, value)) return Result.InvalidArgument;
            // No restartComponent here: a host may call this inside its own program change, holding its locks (Ardour
            // 7.3 deadlocks). The processor learns the choice now; the tick announces the latency it moves to.
            if (id == (uint)ParameterId.Engine) o.TellProcessor(Messages.Preset, Messages.ProgramKey, o.Controller.Program);
            else if (id == (uint)ParameterId.Latency) o.TellProcessor(Messages.LatencyStep, Messages.MillisecondsKey, o.Controller.LatencyMs);
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int SetComponentHandler(void* self, void* handler)
    {
        try
        {
            ControllerObject? o = ComObject.From<ControllerObject>(self);
            if (o is null) return Result.InvalidArgument;
            if (o._handler == handler) return Result.True;
            o.SetHandler(handler);
            o.StartTimer();
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static void* CreateView(void* self, byte* name)
    {
        try
        {
            ControllerObject? o = ComObject.From<ControllerObject>(self);
            if (o is null || name == null || Marshal.PtrToStringUTF8((nint)name) != "editor" || !(OperatingSystem.IsLinux() || OperatingSystem.IsWindows())) return null;
            return new PlugViewObject(o).Pointer;   // the host owns the one reference
        }
        catch (Exception e)
        {
            Diagnostics.Report(e);
            return null;
        }
    }

    // ---- IUnitInfo ----

    private static void** UnitVtable()
    {
        void** v = ComInterface.NewVtable(15);
        v[3] = (delegate* unmanaged<void*, int>)&GetUnitCount;
        v[4] = (delegate* unmanaged<void*, int, UnitInfo*, int>)&GetUnitInfo;
        v[5] = (delegate* unmanaged<void*, int>)&GetProgramListCount;
        v[6] = (delegate* unmanaged<void*, int, ProgramListInfo*, int>)&GetProgramListInfo;
        v[7] = (delegate* unmanaged<void*, int, int, char*, int>)&GetProgramName;
        v[8] = (delegate* unmanaged<void*, int, int, byte*, char*, int>)&GetProgramInfo;
        v[9] = (delegate* unmanaged<void*, int, int, int>)&HasProgramPitchNames;
        v[10] = (delegate* unmanaged<void*, int, int, short, char*, int>)&GetProgramPitchName;
        v[11] = (delegate* unmanaged<void*, int>)&GetSelectedUnit;
        v[12] = (delegate* unmanaged<void*, int, int>)&SelectUnit;
        v[13] = (delegate* unmanaged<void*, int, int, int, int, int*, int>)&GetUnitByBus;
        v[14] = (delegate* unmanaged<void*, int, int, void*, int>)&SetUnitProgramData;
        return v;
    }

    [UnmanagedCallersOnly]
    private static int GetUnitCount(void* self)
    {
        try { return Of(self)?.UnitCount ?? 0; }
        catch (Exception e) { Diagnostics.Report(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static int GetUnitInfo(void* self, int index, UnitInfo* info)
    {
        try
        {
            if (Of(self) is null || info == null || index != 0) return Result.InvalidArgument;
            *info = default;
            info->Id = Vst.RootUnitId;
            info->ParentUnitId = Vst.NoParentUnitId;
            info->ProgramListId = ProgramList.Id;
            Strings.WriteUtf16(info->Name, 128, Controller.RootUnitName);
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetProgramListCount(void* self)
    {
        try { return Of(self)?.ProgramListCount ?? 0; }
        catch (Exception e) { Diagnostics.Report(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static int GetProgramListInfo(void* self, int index, ProgramListInfo* info)
    {
        try
        {
            if (Of(self) is null || info == null || index != 0) return Result.InvalidArgument;
            *info = default;
            info->Id = ProgramList.Id;
            info->ProgramCount = ProgramList.Count;
            Strings.WriteUtf16(info->Name, 128, ProgramList.ListName);
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetProgramName(void* self, int listId, int index, char* name)
    {
        try
        {
            string? s = Controller.ProgramName(listId, index);
            if (s is null || name == null) return Result.InvalidArgument;
            Strings.WriteUtf16(name, 128, s);
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetProgramInfo(void* self, int listId, int index, byte* attribute, char* value) => Result.False;

    [UnmanagedCallersOnly]
    private static int HasProgramPitchNames(void* self, int listId, int index) => Result.False;

    [UnmanagedCallersOnly]
    private static int GetProgramPitchName(void* self, int listId, int index, short pitch, char* name) => Result.False;

    [UnmanagedCallersOnly]
    private static int GetSelectedUnit(void* self) => Vst.RootUnitId;

    [UnmanagedCallersOnly]
    private static int SelectUnit(void* self, int unitId) => unitId == Vst.RootUnitId ? Result.Ok : Result.InvalidArgument;

    [UnmanagedCallersOnly]
    private static int GetUnitByBus(void* self, int type, int direction, int busIndex, int channel, int* unitId)
    {
        if (unitId == null) return Result.InvalidArgument;
        *unitId = Vst.RootUnitId;
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int SetUnitProgramData(void* self, int listOrUnitId, int programIndex, void* data) => Result.NotImplemented;
}
