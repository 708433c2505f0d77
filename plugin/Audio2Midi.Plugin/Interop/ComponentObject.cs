using System.Numerics;
using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// The processor as the host sees it: IComponent, IAudioProcessor, IProcessContextRequirements and
/// IConnectionPoint over one <see cref="Processor"/>. Each thunk translates the ABI and returns a result
/// code; no exception leaves.
/// </summary>
internal sealed unsafe class ComponentObject : ConnectableComObject
{
    private static readonly ComInterface ComponentInterface = new(ComponentVtable(), Iids.FUnknown, Iids.IPluginBase, Iids.IComponent);
    private static readonly ComInterface ProcessorInterface = new(ProcessorVtable(), Iids.IAudioProcessor);
    private static readonly ComInterface ContextInterface = new(ContextVtable(), Iids.IProcessContextRequirements);

    private readonly HostEventList _events = new();
    private readonly HostParameterChanges _changes = new();
    private readonly HostParameterOutput _outputChanges = new();

    public ComponentObject() : base(ComponentInterface, ProcessorInterface, ContextInterface, ConnectionPoint.Interface) { }

    public Processor Processor { get; } = new();

    protected override void OnFinalRelease()
    {
        Processor.Terminate();
        Connection.DisconnectAll();
        Host.Detach();
    }

    /// <summary>The controller's messages (<see cref="Messages"/>): a preset or step it chose, or a question about the latency.</summary>
    public override int OnMessage(void* message)
    {
        if (Messages.Is(message, Messages.Preset))
        {
            if (!Messages.TryGetInt(message, Messages.ProgramKey, out long program)) return Result.InvalidArgument;
            Processor.RequestPreset((int)Math.Clamp(program, -1, int.MaxValue));
            return Result.Ok;
        }
        if (Messages.Is(message, Messages.LatencyStep))
        {
            if (!Messages.TryGetInt(message, Messages.MillisecondsKey, out long ms)) return Result.InvalidArgument;
            Processor.RequestLatency((int)Math.Clamp(ms, -1, int.MaxValue));
            return Result.Ok;
        }
        if (Messages.Is(message, Messages.FeedQuery))
        {
            Messages.Send(Host, Connection.Peer, Messages.FeedReport, Messages.FeedKey, Processor.FeedId);
            return Result.Ok;
        }
        if (Messages.Is(message, Messages.LatencyQuery))
        {
            Messages.Send(Host, Connection.Peer, Messages.LatencyReport,
                Messages.ReportedKey, Processor.LatencySamples, Messages.HostReadKey, Processor.HostReadLatencySamples);
            return Result.Ok;
        }
        return Result.False;
    }

    private static Processor? Of(void* self) => ComObject.From<ComponentObject>(self)?.Processor;

    // ---- IComponent (IPluginBase: initialize, terminate) ----

    private static void** ComponentVtable()
    {
        void** v = ComInterface.NewVtable(14);
        v[3] = (delegate* unmanaged<void*, void*, int>)&Initialize;
        v[4] = (delegate* unmanaged<void*, int>)&Terminate;
        v[5] = (delegate* unmanaged<void*, Tuid*, int>)&GetControllerClassId;
        v[6] = (delegate* unmanaged<void*, int, int>)&SetIoMode;
        v[7] = (delegate* unmanaged<void*, int, int, int>)&GetBusCount;
        v[8] = (delegate* unmanaged<void*, int, int, int, BusInfo*, int>)&GetBusInfo;
        v[9] = (delegate* unmanaged<void*, RoutingInfo*, RoutingInfo*, int>)&GetRoutingInfo;
        v[10] = (delegate* unmanaged<void*, int, int, int, byte, int>)&ActivateBus;
        v[11] = (delegate* unmanaged<void*, byte, int>)&SetActive;
        v[12] = (delegate* unmanaged<void*, void*, int>)&SetState;
        v[13] = (delegate* unmanaged<void*, void*, int>)&GetState;
        return v;
    }

    [UnmanagedCallersOnly]
    private static int Initialize(void* self, void* context)
    {
        try
        {
            ComponentObject? o = ComObject.From<ComponentObject>(self);
            if (o is null) return Result.InvalidArgument;
            o.Host.Attach(context);
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int Terminate(void* self)
    {
        try
        {
            ComponentObject? o = ComObject.From<ComponentObject>(self);
            if (o is null) return Result.InvalidArgument;
            o.Processor.Terminate();
            o.Connection.DisconnectAll();
            o.Host.Detach();
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetControllerClassId(void* self, Tuid* classId)
    {
        if (classId == null) return Result.InvalidArgument;
        *classId = PluginInfo.ControllerCid;
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int SetIoMode(void* self, int mode) => Result.Ok;

    [UnmanagedCallersOnly]
    private static int GetBusCount(void* self, int type, int direction)
    {
        bool input = direction == Vst.DirectionInput;
        if (!input && direction != Vst.DirectionOutput) return 0;
        return type switch
        {
            Vst.MediaAudio => Processor.AudioBusCount(input),
            Vst.MediaEvent => Processor.EventBusCount(input),
            _ => 0,
        };
    }

    [UnmanagedCallersOnly]
    private static int GetBusInfo(void* self, int type, int direction, int index, BusInfo* bus)
    {
        try
        {
            Processor? p = Of(self);
            if (p is null || bus == null || index != 0) return Result.InvalidArgument;
            bool input = direction == Vst.DirectionInput;
            *bus = default;
            bus->MediaType = type;
            bus->Direction = direction;
            bus->BusType = Vst.BusMain;
            bus->Flags = Vst.BusDefaultActive;
            if (type == Vst.MediaAudio)
            {
                bus->ChannelCount = p.Channels;
                Strings.WriteUtf16(bus->Name, 128, input ? Processor.AudioInputName : Processor.AudioOutputName);
                return Result.Ok;
            }
            if (type == Vst.MediaEvent && !input)
            {
                bus->ChannelCount = 16;
                Strings.WriteUtf16(bus->Name, 128, Processor.EventOutputName);
                return Result.Ok;
            }
            return Result.InvalidArgument;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetRoutingInfo(void* self, RoutingInfo* inInfo, RoutingInfo* outInfo) => Result.NotImplemented;

    [UnmanagedCallersOnly]
    private static int ActivateBus(void* self, int type, int direction, int index, byte state)
    {
        try
        {
            Processor? p = Of(self);
            if (p is null || (type != Vst.MediaAudio && type != Vst.MediaEvent)) return Result.InvalidArgument;
            return p.ActivateBus(type == Vst.MediaAudio, direction == Vst.DirectionInput, index, state != 0) ? Result.Ok : Result.InvalidArgument;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int SetActive(void* self, byte state)
    {
        try
        {
            Processor? p = Of(self);
            if (p is null) return Result.InvalidArgument;
            p.SetActive(state != 0);
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int SetState(void* self, void* stream)
    {
        try
        {
            Processor? p = Of(self);
            if (p is null || stream == null) return Result.InvalidArgument;
            byte[]? blob = HostStream.ReadBlob(stream, PluginState.ProcessorMagic);
            bool ok = p.SetState(blob ?? []);
            return ok ? Result.Ok : Result.False;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetState(void* self, void* stream)
    {
        try
        {
            Processor? p = Of(self);
            if (p is null || stream == null) return Result.InvalidArgument;
            return HostStream.Write(stream, p.GetState()) ? Result.Ok : Result.False;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    // ---- IAudioProcessor ----

    private static void** ProcessorVtable()
    {
        void** v = ComInterface.NewVtable(11);
        v[3] = (delegate* unmanaged<void*, ulong*, int, ulong*, int, int>)&SetBusArrangements;
        v[4] = (delegate* unmanaged<void*, int, int, ulong*, int>)&GetBusArrangement;
        v[5] = (delegate* unmanaged<void*, int, int>)&CanProcessSampleSize;
        v[6] = (delegate* unmanaged<void*, uint>)&GetLatencySamples;
        v[7] = (delegate* unmanaged<void*, ProcessSetup*, int>)&SetupProcessing;
        v[8] = (delegate* unmanaged<void*, byte, int>)&SetProcessing;
        v[9] = (delegate* unmanaged<void*, ProcessData*, int>)&Process;
        v[10] = (delegate* unmanaged<void*, uint>)&GetTailSamples;
        return v;
    }

    [UnmanagedCallersOnly]
    private static int SetBusArrangements(void* self, ulong* inputs, int numIns, ulong* outputs, int numOuts)
    {
        try
        {
            Processor? p = Of(self);
            if (p is null) return Result.InvalidArgument;
            if (numIns != 1 || numOuts != 1 || inputs == null || outputs == null) return Result.False;
            int inCh = BitOperations.PopCount(inputs[0]);
            int outCh = BitOperations.PopCount(outputs[0]);
            return p.SetBusArrangements(inCh, outCh) ? Result.Ok : Result.False;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetBusArrangement(void* self, int direction, int index, ulong* arrangement)
    {
        try
        {
            Processor? p = Of(self);
            if (p is null || arrangement == null || index != 0 || (direction != Vst.DirectionInput && direction != Vst.DirectionOutput)) return Result.InvalidArgument;
            *arrangement = p.Channels == 1 ? Vst.SpeakerArrangementMono : Vst.SpeakerArrangementStereo;
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int CanProcessSampleSize(void* self, int size) => size is Vst.Sample32 or Vst.Sample64 ? Result.True : Result.False;

    [UnmanagedCallersOnly]
    private static uint GetLatencySamples(void* self)
    {
        try { return (uint)Math.Max(0, Of(self)?.HostReadsLatency() ?? 0); }
        catch (Exception e) { Diagnostics.Report(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static int SetupProcessing(void* self, ProcessSetup* setup)
    {
        try
        {
            Processor? p = Of(self);
            if (p is null || setup == null) return Result.InvalidArgument;
            if (setup->SymbolicSampleSize is not (Vst.Sample32 or Vst.Sample64)) return Result.False;
            return p.SetupProcessing(setup->SampleRate, setup->MaxSamplesPerBlock) ? Result.Ok : Result.InvalidArgument;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int SetProcessing(void* self, byte state)
    {
        try
        {
            Processor? p = Of(self);
            if (p is null) return Result.InvalidArgument;
            p.SetProcessing(state != 0);
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int Process(void* self, ProcessData* data)
    {
        try
        {
            ComponentObject? o = ComObject.From<ComponentObject>(self);
            if (o is null || data == null) return Result.InvalidArgument;
            int frames = data->NumSamples;
            if (frames < 0) return Result.InvalidArgument;
            bool is64 = data->SymbolicSampleSize == Vst.Sample64;
            if (!is64 && data->SymbolicSampleSize != Vst.Sample32 && frames > 0) return Result.InvalidArgument;

            void** inputs = null, outputs = null;
            int inCh = 0, outCh = 0;
            AudioBusBuffers* inBus = data->NumInputs > 0 ? data->Inputs : null;
            AudioBusBuffers* outBus = data->NumOutputs > 0 ? data->Outputs : null;
            if (inBus != null && inBus->ChannelBuffers != null && AllChannels(inBus))
            {
                inputs = inBus->ChannelBuffers;
                inCh = inBus->NumChannels;
            }
            if (outBus != null && outBus->ChannelBuffers != null && AllChannels(outBus))
            {
                outputs = outBus->ChannelBuffers;
                outCh = outBus->NumChannels;
            }
            if (outBus != null) outBus->SilenceFlags = inBus != null ? inBus->SilenceFlags : 0;

            o._events.List = data->OutputEvents;
            o._changes.Changes = data->InputParameterChanges;
            o._outputChanges.Changes = data->OutputParameterChanges;
            Processor.Transport transport = data->ProcessContext == null ? Processor.Transport.Unknown
                : (data->ProcessContext->State & Vst.ContextPlaying) != 0 ? Processor.Transport.Playing : Processor.Transport.Stopped;
            IParameterInput? changes = data->InputParameterChanges == null ? null : o._changes;
            IEventOutput? events = data->OutputEvents == null ? null : o._events;
            IParameterOutput? outputChanges = data->OutputParameterChanges == null ? null : o._outputChanges;
            if (is64) o.Processor.Process(frames, (double**)inputs, inCh, (double**)outputs, outCh, changes, events, transport, outputChanges);
            else o.Processor.Process(frames, (float**)inputs, inCh, (float**)outputs, outCh, changes, events, transport, outputChanges);
            o._events.List = null;
            o._changes.Changes = null;
            o._outputChanges.Changes = null;
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    private static bool AllChannels(AudioBusBuffers* bus)
    {
        if (bus->NumChannels < 0 || bus->NumChannels > 64) return false;
        for (int c = 0; c < bus->NumChannels; c++) if (bus->ChannelBuffers[c] == null) return false;
        return true;
    }

    [UnmanagedCallersOnly]
    private static uint GetTailSamples(void* self) => 0;

    // ---- IProcessContextRequirements ----

    private static void** ContextVtable()
    {
        void** v = ComInterface.NewVtable(4);
        v[3] = (delegate* unmanaged<void*, uint>)&GetProcessContextRequirements;
        return v;
    }

    [UnmanagedCallersOnly]
    private static uint GetProcessContextRequirements(void* self) => Vst.NeedTransportState;
}
