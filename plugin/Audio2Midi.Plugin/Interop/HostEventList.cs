namespace Audio2Midi.Plugin.Interop;

/// <summary>The processor's <see cref="IEventOutput"/> over the host's IEventList (one reused instance, no allocation).</summary>
internal sealed unsafe class HostEventList : IEventOutput
{
    public void* List { get; set; }

    public int BusIndex { get; set; }

    public void NoteOn(int sampleOffset, int channel, int pitch, int velocity)
    {
        Event e = Header(sampleOffset, Vst.EventNoteOn);
        e.NoteOn = new NoteOnEvent { Channel = (short)channel, Pitch = (short)pitch, Velocity = velocity / 127f, NoteId = -1 };
        HostCalls.AddEvent(List, &e);
    }

    public void NoteOff(int sampleOffset, int channel, int pitch)
    {
        Event e = Header(sampleOffset, Vst.EventNoteOff);
        e.NoteOff = new NoteOffEvent { Channel = (short)channel, Pitch = (short)pitch, Velocity = 0, NoteId = -1 };
        HostCalls.AddEvent(List, &e);
    }

    public void PitchBend(int sampleOffset, int channel, int value)
    {
        int v = Math.Clamp(value + 8192, 0, 16383);
        Event e = Header(sampleOffset, Vst.EventLegacyMidiCCOut);
        e.MidiCCOut = new LegacyMidiCCOutEvent { ControlNumber = Vst.ControllerPitchBend, Channel = (sbyte)channel, Value = (sbyte)(v & 0x7F), Value2 = (sbyte)(v >> 7) };
        HostCalls.AddEvent(List, &e);
    }

    private Event Header(int sampleOffset, ushort type) => new() { BusIndex = BusIndex, SampleOffset = sampleOffset, Flags = Vst.EventFlagIsLive, Type = type };
}

/// <summary>The processor's <see cref="IParameterInput"/> over the host's IParameterChanges (one reused instance, no allocation).</summary>
internal sealed unsafe class HostParameterChanges : IParameterInput
{
    public void* Changes { get; set; }

    public int QueueCount => Changes == null ? 0 : Math.Max(0, HostCalls.ParameterCount(Changes));

    public uint QueueId(int queue)
    {
        void* q = HostCalls.ParameterData(Changes, queue);
        return q == null ? uint.MaxValue : HostCalls.QueueParameterId(q);
    }

    public int PointCount(int queue)
    {
        void* q = HostCalls.ParameterData(Changes, queue);
        return q == null ? 0 : Math.Max(0, HostCalls.QueuePointCount(q));
    }

    public bool TryGetPoint(int queue, int index, out int sampleOffset, out double normalized)
    {
        int offset = 0;
        double value = 0;
        void* q = HostCalls.ParameterData(Changes, queue);
        bool ok = q != null && HostCalls.QueuePoint(q, index, &offset, &value) == Result.Ok;
        sampleOffset = offset;
        normalized = value;
        return ok;
    }
}

/// <summary>The processor's <see cref="IParameterOutput"/> over the host's output IParameterChanges (one reused instance, no allocation).</summary>
internal sealed unsafe class HostParameterOutput : IParameterOutput
{
    public void* Changes { get; set; }

    public void Set(uint id, int sampleOffset, double normalized)
    {
        if (Changes == null) return;
        int index = 0;
        void* queue = HostCalls.AddParameterData(Changes, &id, &index);
        if (queue != null) HostCalls.QueueAddPoint(queue, sampleOffset, normalized, &index);
    }
}
