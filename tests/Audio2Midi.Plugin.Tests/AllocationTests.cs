using System.Runtime.InteropServices;
using Audio2Midi.Placement;
using Audio2Midi.Plugin.Tests.Host;

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
    public void NativeProcessAllocatesNothingAfterWarmUp(int latencyMs) => AssertNativeProcessAllocatesNothing(latencyMs, preset: null);

    /// <summary>
    /// The native plugin at a Latency step on a preset (null: the default, pYIN) streams a voice with parameter
    /// changes, Latency moves among them; after warm-up, 6,000 blocks of 0-1024 frames allocate 0 bytes in the module.
    /// </summary>
    internal static void AssertNativeProcessAllocatesNothing(int latencyMs, string? preset)
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
        Assert.Equal(preset is null ? EngineStatus.Pyin : EngineStatus.ModelRunning, p.Status);
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
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 6000; i++) Step(i);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
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
