using System.Runtime.InteropServices;
using Audio2Midi.Placement;
using Audio2Midi.Plugin.Tests.Host;
using Audio2Midi.Presets;
using Audio2Midi.TestCommon;

namespace Audio2Midi.Plugin.Tests;

/// <summary>
/// DESIGN.md section 4: process allocates nothing in the steady state. Measured twice: in the published
/// native module (its own GC, read through the exported Audio2Midi_AllocatedBytesForCurrentThread), and
/// in process on the managed <see cref="Processor"/> with GC.GetAllocatedBytesForCurrentThread.
/// </summary>
[Collection(PluginCollection.Name)]
public sealed unsafe class AllocationTests
{
    private const int Rate = 48000;

    private static float[] Voice() => Signals.Melody(Rate, 60, 62, 64, 65, 67, 69, 71, 72);

    [Theory]
    [MemberData(nameof(ProcessingTests.Steps), MemberType = typeof(ProcessingTests))]
    public void NativeProcessAllocatesNothingAfterWarmUp(int latencyMs) => AssertNativeProcessAllocatesNothing(latencyMs, PresetEntry.PyinName);

    /// <summary>
    /// The native plugin at a Latency step on a preset streams a voice with parameter
    /// changes, Latency moves among them; after warm-up, 6,000 blocks of 0-1024 frames allocate 0 bytes in the module.
    /// </summary>
    internal static void AssertNativeProcessAllocatesNothing(int latencyMs, string preset)
    {
        NativeModule m = NativeModule.Instance;
        using var p = new PluginInstance();
        p.Start(Rate, channels: 2, latencyMs: latencyMs, preset: preset);
        double step = Parameters.All[(int)ParameterId.Latency].ToNormalized(Parameters.LatencyPlain(latencyMs));
        double longest = Parameters.All[(int)ParameterId.Latency].ToNormalized(Parameters.LatencyPlain(LatencySteps.MaxMs));
        var events = new HostEventRecorder();
        var changes = new HostParameterChangeList();
        float[] voice = Voice();
        int position = 0, calls = 0;
        void Step(int block)
        {
            changes.Clear();
            if (calls % 97 == 0) changes.Add((uint)ParameterId.Transpose, block / 2, (calls / 97 % 3) / 48.0 + 0.5);
            if (calls % 89 == 0) changes.Add((uint)ParameterId.PitchBend, 0, calls / 89 % 2);
            if (calls % 61 == 0) changes.Add((uint)ParameterId.Bypass, block / 3, calls / 61 % 4 == 3 ? 1 : 0);
            // Now and then a move to the longest step and back: engines switch, the audio delay crossfades.
            if (calls % 397 == 0) changes.Add((uint)ParameterId.Latency, block / 4, calls / 397 % 2 == 0 ? longest : step);
            if (position + block > voice.Length) position = 0;
            voice.AsSpan(position, block).CopyTo(p.Input(0));
            voice.AsSpan(position, block).CopyTo(p.Input(1));
            position += block;
            events.Clear();
            PluginInstance.Check(p.Process(block, changes, events), "process");
            calls++;
        }
        for (int i = 0; i < 2000; i++) Step(128);
        Assert.Equal(ProgramList.Catalog.Find(preset)!.IsModel ? EngineStatus.ModelRunning : EngineStatus.Pyin, p.Status);
        long before = m.AllocatedBytesForCurrentThread;
        int notes = 0;
        for (int i = 0; i < 6000; i++)
        {
            Step(i % 10 == 0 ? 0 : i % 7 == 0 ? 1024 : 128);
            notes += events.Count;
        }
        long allocated = m.AllocatedBytesForCurrentThread - before;
        Assert.True(notes > 20, $"only {notes} events: the loop did not exercise the engine");
        Assert.Equal(0, allocated);

        // The counter is live: getState allocates its blob inside the module, on this thread.
        long beforeState = m.AllocatedBytesForCurrentThread;
        p.GetState();
        Assert.True(m.AllocatedBytesForCurrentThread - beforeState > 0, "the module's allocation counter did not move");
    }

    [Fact]
    public void ManagedProcessorAllocatesNothingAfterWarmUp()
    {
        var processor = new Processor();
        Assert.True(processor.SetBusArrangements(1, 1));
        Assert.True(processor.SetupProcessing(Rate, 1024));
        processor.SetActive(true);
        processor.SetProcessing(true);
        var output = new CountingOutput();
        var changes = new FixedChanges();
        var input = (float*)NativeMemory.AllocZeroed(1024, sizeof(float));
        var outBuf = (float*)NativeMemory.AllocZeroed(1024, sizeof(float));
        var ins = (float**)NativeMemory.Alloc(1, (nuint)sizeof(float*));
        var outs = (float**)NativeMemory.Alloc(1, (nuint)sizeof(float*));
        ins[0] = input;
        outs[0] = outBuf;
        float[] voice = Voice();
        int position = 0;
        void Step(int i)
        {
            const int block = 128;
            if (position + block > voice.Length) position = 0;
            voice.AsSpan(position, block).CopyTo(new Span<float>(input, block));
            position += block;
            changes.Set(i % 50 == 0 ? (uint)ParameterId.Transpose : (uint)ParameterId.Sensitivity, 64, i % 100 == 0 ? 0.5 : 0.52);
            processor.Process(block, ins, 1, outs, 1, changes, output, i % 300 == 299 ? Processor.Transport.Stopped : Processor.Transport.Playing);
        }
        try
        {
            for (int i = 0; i < 2000; i++) Step(i);
            long allocated = AllocationProbe.LeastPerPass(() => { for (int i = 0; i < 6000; i++) Step(i); });
            Assert.True(output.Count > 20);
            Assert.Equal(0, allocated);
        }
        finally
        {
            NativeMemory.Free(input);
            NativeMemory.Free(outBuf);
            NativeMemory.Free(ins);
            NativeMemory.Free(outs);
        }
    }

    /// <summary>
    /// Every engine kind's preset on the managed processor, through every change a session makes on the audio thread: each
    /// Latency step, bypass on and off, transpose, transport stops. From the first block after the preset is taken,
    /// nothing is allocated: the loader (or setup, for pYIN) warmed every step's engine. (The soak found the first
    /// blocks at a step other than Instant allocating after a preset switch.)
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryEngineKind))]
    public void EveryPresetAllocatesNothingThroughEveryChange(string preset)
    {
        var processor = new Processor();
        double[] values = Parameters.DefaultPlainValues();
        values[(int)ParameterId.Engine] = ProgramList.Catalog.IndexOf(preset);
        Assert.True(processor.SetState(PluginState.WriteProcessor(values)));
        Assert.True(processor.SetBusArrangements(1, 1));
        Assert.True(processor.SetupProcessing(Rate, 1024));
        processor.SetActive(true);
        processor.SetProcessing(true);
        if (ProgramList.Entry(ProgramList.Catalog.IndexOf(preset)).IsModel) Assert.Equal(EngineStatus.ModelRunning, OverrunTests.WaitForPreset(processor));
        processor.OverrunBudgetFraction = 1e9;   // a windowed model fed faster than real time must not fall back here
        var output = new CountingOutput();
        var changes = new FixedChanges();
        var input = (float*)NativeMemory.AllocZeroed(1024, sizeof(float));
        var ins = (float**)NativeMemory.Alloc(1, (nuint)sizeof(float*));
        ins[0] = input;
        float[] voice = Voice();
        int position = 0;
        void Round()
        {
            for (int i = 0; i < 1200; i++)
            {
                const int block = 256;
                if (position + block > voice.Length) position = 0;
                voice.AsSpan(position, block).CopyTo(new Span<float>(input, block));
                position += block;
                int phase = i / 100;   // one change every 100 blocks: steps, bypass, transpose, stop
                if (i % 100 != 0) changes.Set((uint)ParameterId.Sensitivity, 0, 0.5);
                else if (phase < LatencySteps.Milliseconds.Count)
                    changes.Set((uint)ParameterId.Latency, 17, Parameters.All[(int)ParameterId.Latency].ToNormalized(phase));
                else if (phase < 9) changes.Set((uint)ParameterId.Bypass, 33, phase % 2 == 1 ? 1 : 0);
                else changes.Set((uint)ParameterId.Transpose, 5, phase % 2 == 0 ? 0.5 : 0.52);
                var transport = i % 100 == 50 && phase % 3 == 0 ? Processor.Transport.Stopped : Processor.Transport.Playing;
                processor.Process(block, ins, 1, null, 0, changes, output, transport);
            }
        }
        try
        {
            processor.Process(0, (float**)null, 0, (float**)null, 0, null, output, Processor.Transport.Playing);   // JIT of this path, not the engines
            Round();
            long allocated = AllocationProbe.LeastPerPass(Round);
            Assert.True(output.Count > 10, $"{output.Count} events");
            Assert.Equal(0, allocated);
        }
        finally
        {
            processor.Terminate();
            NativeMemory.Free(input);
            NativeMemory.Free(ins);
        }
    }

    /// <summary>
    /// The soak's case, through the native bundle: pYIN plays at 120 ms and the host switches to a model preset in a
    /// parameter change; from that block on, through the load, the swap and a round of step changes, the module
    /// allocates nothing on the audio thread.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryEngineKind))]
    public void SwitchingToAPresetAtAnyStepAllocatesNothing(string preset)
    {
        NativeModule m = NativeModule.Instance;
        using var p = new PluginInstance();
        p.Start(Rate, channels: 2, latencyMs: 120);
        var s = new Streamer(p) { Speed = 8, PacedRate = Rate };
        float[] voice = Voice();
        s.Feed(voice, 256);   // pYIN warm
        double value = Parameters.All[(int)ParameterId.Engine].ToNormalized(ProgramList.Catalog.IndexOf(preset));
        long allocated = 0;
        long before = m.AllocatedBytesForCurrentThread;
        s.Block(voice.AsSpan(0, 256), c => c.Add((uint)ParameterId.Engine, 100, value));
        allocated += m.AllocatedBytesForCurrentThread - before;
        bool model = ProgramList.Entry(ProgramList.Catalog.IndexOf(preset)).IsModel;
        if (model)
        {
            // Fed while it loads: the load's blocks count too.
            before = m.AllocatedBytesForCurrentThread;
            s.FeedUntil(() => p.Status == EngineStatus.ModelRunning, voice.AsSpan(0, Rate / 4), 256);
            allocated += m.AllocatedBytesForCurrentThread - before;
            Assert.Equal(EngineStatus.ModelRunning, p.Status);
        }
        foreach (int ms in LatencySteps.Milliseconds)
        {
            double step = Parameters.All[(int)ParameterId.Latency].ToNormalized(Parameters.LatencyPlain(ms));
            before = m.AllocatedBytesForCurrentThread;
            s.Block(voice.AsSpan(0, 256), c => c.Add((uint)ParameterId.Latency, 7, step));
            s.Feed(voice.AsSpan(0, Rate / 2), 256);
            allocated += m.AllocatedBytesForCurrentThread - before;
        }
        Assert.Equal(0, allocated);
    }

    /// <summary>pYIN, every shipped preset and the two test models (a streaming CQT model and a windowed CRNN): each engine kind.</summary>
    public static TheoryData<string> EveryEngineKind()
    {
        var data = new TheoryData<string>();
        foreach (PresetEntry e in TestPresetFolder.EveryEngineKind()) data.Add(e.Name);
        return data;
    }

    private sealed class CountingOutput : IEventOutput
    {
        public int Count;
        public void NoteOn(int sampleOffset, int channel, int pitch, int velocity) => Count++;
        public void NoteOff(int sampleOffset, int channel, int pitch) => Count++;
        public void PitchBend(int sampleOffset, int channel, int value) => Count++;
    }

    private sealed class FixedChanges : IParameterInput
    {
        private uint _id;
        private int _offset;
        private double _value;

        public void Set(uint id, int offset, double value) { _id = id; _offset = offset; _value = value; }

        public int QueueCount => 1;
        public uint QueueId(int queue) => _id;
        public int PointCount(int queue) => 1;

        public bool TryGetPoint(int queue, int index, out int sampleOffset, out double normalized)
        {
            sampleOffset = _offset;
            normalized = _value;
            return true;
        }
    }
}
