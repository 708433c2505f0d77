using System.Runtime.InteropServices;
using Audio2Midi.Plugin.Interop;

namespace Audio2Midi.Plugin.Tests.Host;

/// <summary>
/// One plugin instance driven the way a DAW drives it: component and controller created from the
/// factory, initialised and connected; buses negotiated; setupProcessing; setActive; process blocks
/// with native audio buffers, parameter changes and an event list. All calls go through vtables.
/// </summary>
internal sealed unsafe class PluginInstance : IDisposable
{
    public const int MaxFrames = 8192;
    private readonly NativeModule _m = NativeModule.Instance;
    private readonly float** _in;
    private readonly float** _out;
    private bool _disposed;

    /// <param name="connect">Connect the two halves (hosts do; a few do not).</param>
    /// <param name="proxy">Connect them through <see cref="HostConnectionProxy"/>s, as the VST3 SDK's hosting helpers do, instead of directly.</param>
    /// <param name="host">The context passed to initialize; by default a <see cref="HostApplication"/> without a run loop. Pass <see cref="NoHost"/> for none.</param>
    public PluginInstance(bool connect = true, bool proxy = false, HostApplication? host = null)
    {
        Host = host ?? new HostApplication();
        void* context = ReferenceEquals(Host, NoHost) ? null : Host.Pointer;
        Component = _m.CreateInstance(PluginInfo.ProcessorCid, Iids.IComponent);
        if (Component == null) throw new InvalidOperationException("createInstance(processor) failed");
        Check(Call(Component, 3, context), "IComponent::initialize");
        Tuid controllerCid;
        Check(((delegate* unmanaged<void*, Tuid*, int>)NativeModule.Slot(Component, 5))(Component, &controllerCid), "getControllerClassId");
        Controller = _m.CreateInstance(controllerCid, Iids.IEditController);
        if (Controller == null) throw new InvalidOperationException("createInstance(controller) failed");
        Check(Call(Controller, 3, context), "IEditController::initialize");
        Processor = _m.QueryInterface(Component, Iids.IAudioProcessor);
        ComponentConnection = _m.QueryInterface(Component, Iids.IConnectionPoint);
        ControllerConnection = _m.QueryInterface(Controller, Iids.IConnectionPoint);
        UnitInfo = _m.QueryInterface(Controller, Iids.IUnitInfo);
        if (connect && proxy)
        {
            _toController = new HostConnectionProxy(ComponentConnection);
            _toComponent = new HostConnectionProxy(ControllerConnection);
            Check(_toController.ConnectTo(ControllerConnection), "connect through a proxy");
            Check(_toComponent.ConnectTo(ComponentConnection), "connect through a proxy");
        }
        else if (connect)
        {
            Check(Call(ComponentConnection, 3, ControllerConnection), "connect");
            Check(Call(ControllerConnection, 3, ComponentConnection), "connect");
            Connected = true;
        }
        _in = (float**)NativeMemory.AllocZeroed(2, (nuint)sizeof(float*));
        _out = (float**)NativeMemory.AllocZeroed(2, (nuint)sizeof(float*));
        for (int c = 0; c < 2; c++)
        {
            _in[c] = (float*)NativeMemory.AllocZeroed(MaxFrames, sizeof(float));
            _out[c] = (float*)NativeMemory.AllocZeroed(MaxFrames, sizeof(float));
        }
    }

    /// <summary>A marker for "initialize with a null context".</summary>
    public static readonly HostApplication NoHost = new();

    private readonly HostConnectionProxy? _toController, _toComponent;

    public HostApplication Host { get; }

    /// <summary>The proxies' counts of messages forwarded, and of messages sent from a thread other than the host's UI thread.</summary>
    public (int Forwarded, int FromOtherThreads) ProxyTraffic =>
        _toController is null ? (0, 0) : (_toController.Forwarded + _toComponent!.Forwarded, _toController.FromOtherThreads + _toComponent.FromOtherThreads);

    public void* Component { get; }
    public void* Processor { get; }
    public void* Controller { get; }
    public void* ComponentConnection { get; }
    public void* ControllerConnection { get; }
    public void* UnitInfo { get; }
    public bool Connected { get; private set; }
    public int Channels { get; private set; } = 2;

    public Span<float> Input(int channel) => new(_in[channel], MaxFrames);

    public Span<float> Output(int channel) => new(_out[channel], MaxFrames);

    public static void Check(int result, string what)
    {
        if (result != Result.Ok) throw new InvalidOperationException($"{what} returned {result}");
    }

    private static int Call(void* obj, int slot, void* arg) => ((delegate* unmanaged<void*, void*, int>)NativeModule.Slot(obj, slot))(obj, arg);

    // ---- IComponent / IAudioProcessor ----

    public int BusCount(int media, int direction) => ((delegate* unmanaged<void*, int, int, int>)NativeModule.Slot(Component, 7))(Component, media, direction);

    public int BusInfo(int media, int direction, int index, out BusInfo info)
    {
        BusInfo b;
        int r = ((delegate* unmanaged<void*, int, int, int, BusInfo*, int>)NativeModule.Slot(Component, 8))(Component, media, direction, index, &b);
        info = b;
        return r;
    }

    public int SetBusArrangements(ulong input, ulong output)
    {
        int r = ((delegate* unmanaged<void*, ulong*, int, ulong*, int, int>)NativeModule.Slot(Processor, 3))(Processor, &input, 1, &output, 1);
        if (r == Result.Ok) Channels = System.Numerics.BitOperations.PopCount(input);
        return r;
    }

    public int Setup(double sampleRate, int maxBlock = MaxFrames, int sampleSize = Vst.Sample32)
    {
        var setup = new ProcessSetup { ProcessMode = 0, SymbolicSampleSize = sampleSize, MaxSamplesPerBlock = maxBlock, SampleRate = sampleRate };
        return ((delegate* unmanaged<void*, ProcessSetup*, int>)NativeModule.Slot(Processor, 7))(Processor, &setup);
    }

    public int SetActive(bool on) => ((delegate* unmanaged<void*, byte, int>)NativeModule.Slot(Component, 11))(Component, on ? (byte)1 : (byte)0);

    public int SetProcessing(bool on) => ((delegate* unmanaged<void*, byte, int>)NativeModule.Slot(Processor, 8))(Processor, on ? (byte)1 : (byte)0);

    public int CanProcessSampleSize(int size) => ((delegate* unmanaged<void*, int, int>)NativeModule.Slot(Processor, 5))(Processor, size);

    /// <summary>One 64-bit process call on caller-owned planar buffers (one channel per array).</summary>
    public int Process64(double[][] input, double[][] output, int frames, HostParameterChangeList? changes, HostEventRecorder? events)
    {
        var ins = stackalloc double*[2];
        var outs = stackalloc double*[2];
        var handles = new System.Runtime.InteropServices.GCHandle[4];
        try
        {
            for (int c = 0; c < Channels; c++)
            {
                handles[c] = System.Runtime.InteropServices.GCHandle.Alloc(input[c], System.Runtime.InteropServices.GCHandleType.Pinned);
                handles[2 + c] = System.Runtime.InteropServices.GCHandle.Alloc(output[c], System.Runtime.InteropServices.GCHandleType.Pinned);
                ins[c] = (double*)handles[c].AddrOfPinnedObject();
                outs[c] = (double*)handles[2 + c].AddrOfPinnedObject();
            }
            var inBus = new AudioBusBuffers { NumChannels = Channels, ChannelBuffers = (void**)ins };
            var outBus = new AudioBusBuffers { NumChannels = Channels, ChannelBuffers = (void**)outs };
            var data = new ProcessData
            {
                SymbolicSampleSize = Vst.Sample64,
                NumSamples = frames,
                NumInputs = 1,
                NumOutputs = 1,
                Inputs = &inBus,
                Outputs = &outBus,
                InputParameterChanges = changes is null ? null : changes.Pointer,
                OutputEvents = events is null ? null : events.Pointer,
            };
            return ((delegate* unmanaged<void*, ProcessData*, int>)NativeModule.Slot(Processor, 9))(Processor, &data);
        }
        finally
        {
            foreach (var h in handles) if (h.IsAllocated) h.Free();
        }
    }

    public uint LatencySamples => ((delegate* unmanaged<void*, uint>)NativeModule.Slot(Processor, 6))(Processor);

    /// <summary>
    /// Setup, activate and start processing in one go (what a DAW does when the track starts). With
    /// <paramref name="latencyMs"/> the plugin first loads a state on that Latency step, as a project
    /// saved with it would; without, it keeps its default step.
    /// </summary>
    public void Start(double sampleRate, int channels = 1, int? latencyMs = null, string? preset = null)
    {
        if (latencyMs is not null || preset is not null) SetStartState(latencyMs, preset);
        ulong arr = channels == 1 ? Vst.SpeakerArrangementMono : Vst.SpeakerArrangementStereo;
        Check(SetBusArrangements(arr, arr), "setBusArrangements");
        Check(Setup(sampleRate), "setupProcessing");
        Check(SetActive(true), "setActive");
        Check(SetProcessing(true), "setProcessing");
        // A model preset (named, or the default a new instance starts on) loads in the background: wait, as the tests want its notes.
        if ((preset is null ? ProgramList.Entry(ProgramList.DefaultProgram) : ProgramList.Catalog.Find(preset)) is { IsModel: true }) WaitForPreset();
    }

    /// <summary>The processor's state with every parameter at its default but the Latency step and preset given (by setState, before setup).</summary>
    public void SetStartState(int? latencyMs, string? preset)
    {
        double[] values = Parameters.DefaultPlainValues();
        if (latencyMs is int ms) values[(int)ParameterId.Latency] = Parameters.LatencyPlain(ms);
        if (preset is not null)
        {
            int program = ProgramList.Catalog.IndexOf(preset);
            if (program < 0) throw new ArgumentException($"no preset '{preset}' in {string.Join(", ", ProgramList.Names)}");
            values[(int)ParameterId.Engine] = program;
        }
        Check(SetState(PluginState.WriteProcessor(values)), "IComponent::setState");
    }

    /// <summary>
    /// Model presets load on the plugin's loader thread (no host call waits for them): empty process calls, as a host
    /// sends while it waits, until the processor reports that the load was taken (or failed). Returns the status.
    /// </summary>
    public EngineStatus WaitForPreset(double timeoutSeconds = 60)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            Check(Process(0, null, null), "process");
            if (Status is { } s && s != EngineStatus.Loading) return s;
            if (clock.Elapsed.TotalSeconds > timeoutSeconds) throw new TimeoutException($"the preset did not load in {timeoutSeconds} s (status {Status})");
            Thread.Sleep(2);
        }
    }

    /// <summary>One process call on the instance's native buffers (fill <see cref="Input"/> first).</summary>
    public int Process(int frames, HostParameterChangeList? changes, HostEventRecorder? events, ProcessContext* context = null)
    {
        var inBus = new AudioBusBuffers { NumChannels = Channels, ChannelBuffers = (void**)_in };
        var outBus = new AudioBusBuffers { NumChannels = Channels, ChannelBuffers = (void**)_out };
        var data = new ProcessData
        {
            ProcessMode = 0,
            SymbolicSampleSize = Vst.Sample32,
            NumSamples = frames,
            NumInputs = 1,
            NumOutputs = 1,
            Inputs = &inBus,
            Outputs = &outBus,
            InputParameterChanges = changes is null ? null : changes.Pointer,
            OutputParameterChanges = OutputChanges.Pointer,
            OutputEvents = events is null ? null : events.Pointer,
            ProcessContext = context,
        };
        OutputChanges.Clear();
        int result = ((delegate* unmanaged<void*, ProcessData*, int>)NativeModule.Slot(Processor, 9))(Processor, &data);
        if (OutputChanges.Last((uint)ParameterId.Status) is double status) Status = (EngineStatus)(int)Math.Round(Parameters.All[(int)ParameterId.Status].ToPlain(status));
        return result;
    }

    /// <summary>What the processor reports in its output parameter changes (the Status parameter), reused per block.</summary>
    public HostParameterChangeList OutputChanges { get; } = new();

    /// <summary>The last engine status the processor reported through its output parameter changes (null before any).</summary>
    public EngineStatus? Status { get; private set; }

    public byte[] GetState()
    {
        var s = new HostMemoryStream();
        try
        {
            Check(Call(Component, 13, s.Pointer), "IComponent::getState");
            return s.ToArray();
        }
        finally { s.ReleaseReference(); }
    }

    public int SetState(byte[] blob)
    {
        var s = new HostMemoryStream(blob);
        HostComponentHandler.InsideHostCall++;
        try { return Call(Component, 12, s.Pointer); }
        finally
        {
            HostComponentHandler.InsideHostCall--;
            s.ReleaseReference();
        }
    }

    // ---- IEditController ----

    public int SetComponentState(byte[] blob)
    {
        var s = new HostMemoryStream(blob);
        HostComponentHandler.InsideHostCall++;
        try { return Call(Controller, 5, s.Pointer); }
        finally
        {
            HostComponentHandler.InsideHostCall--;
            s.ReleaseReference();
        }
    }

    public int ParameterCount => ((delegate* unmanaged<void*, int>)NativeModule.Slot(Controller, 8))(Controller);

    public ParameterInfo ParameterInfo(int index)
    {
        ParameterInfo info;
        Check(((delegate* unmanaged<void*, int, ParameterInfo*, int>)NativeModule.Slot(Controller, 9))(Controller, index, &info), "getParameterInfo");
        return info;
    }

    public string ParamString(uint id, double normalized)
    {
        char* text = stackalloc char[128];
        Check(((delegate* unmanaged<void*, uint, double, char*, int>)NativeModule.Slot(Controller, 10))(Controller, id, normalized, text), "getParamStringByValue");
        return Strings.ReadUtf16(text, 128);
    }

    public int ParamValueByString(uint id, string s, out double normalized)
    {
        double v = 0;
        int r;
        fixed (char* p = s + "\0") r = ((delegate* unmanaged<void*, uint, char*, double*, int>)NativeModule.Slot(Controller, 11))(Controller, id, p, &v);
        normalized = v;
        return r;
    }

    public int SetParamNormalized(uint id, double value)
    {
        HostComponentHandler.InsideHostCall++;
        try { return ((delegate* unmanaged<void*, uint, double, int>)NativeModule.Slot(Controller, 15))(Controller, id, value); }
        finally { HostComponentHandler.InsideHostCall--; }
    }

    public int SetComponentHandler(void* handler) => Call(Controller, 16, handler);

    public double NormalizedToPlain(uint id, double normalized) => ((delegate* unmanaged<void*, uint, double, double>)NativeModule.Slot(Controller, 12))(Controller, id, normalized);

    public double GetParamNormalized(uint id) => ((delegate* unmanaged<void*, uint, double>)NativeModule.Slot(Controller, 14))(Controller, id);

    // ---- IUnitInfo ----

    public int ProgramListCount => ((delegate* unmanaged<void*, int>)NativeModule.Slot(UnitInfo, 5))(UnitInfo);

    public int ProgramListInfo(int index, out ProgramListInfo info)
    {
        ProgramListInfo i;
        int r = ((delegate* unmanaged<void*, int, ProgramListInfo*, int>)NativeModule.Slot(UnitInfo, 6))(UnitInfo, index, &i);
        info = i;
        return r;
    }

    public string ProgramName(int listId, int index)
    {
        char* text = stackalloc char[128];
        Check(((delegate* unmanaged<void*, int, int, char*, int>)NativeModule.Slot(UnitInfo, 7))(UnitInfo, listId, index, text), "getProgramName");
        return Strings.ReadUtf16(text, 128);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        SetProcessing(false);
        SetActive(false);
        if (Connected)
        {
            Call(ComponentConnection, 4, ControllerConnection);
            Call(ControllerConnection, 4, ComponentConnection);
        }
        _toController?.Disconnect();
        _toComponent?.Disconnect();
        _toController?.ReleaseReference();
        _toComponent?.ReleaseReference();
        Call(Controller, 4, null);
        Call(Component, 4, null);
        foreach (IntPtr p in new[] { (IntPtr)UnitInfo, (IntPtr)ControllerConnection, (IntPtr)ComponentConnection, (IntPtr)Processor, (IntPtr)Controller, (IntPtr)Component })
            if (p != IntPtr.Zero) NativeModule.Release((void*)p);
        if (!ReferenceEquals(Host, NoHost)) Host.ReleaseReference();
        for (int c = 0; c < 2; c++)
        {
            NativeMemory.Free(_in[c]);
            NativeMemory.Free(_out[c]);
        }
        NativeMemory.Free(_in);
        NativeMemory.Free(_out);
    }
}
