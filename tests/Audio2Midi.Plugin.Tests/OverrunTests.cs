using System.Runtime.InteropServices;
using Audio2Midi.Plugin.Tests.Host;

namespace Audio2Midi.Plugin.Tests;

/// <summary>
/// A model preset whose engine overruns its time budget for <see cref="Processor.OverrunBlocks"/> blocks in a row gives
/// way to pYIN, with the Status parameter saying so; a single slow block does not. In process, on the managed
/// <see cref="Processor"/>, with the budget set to nothing so that every model block overruns.
/// </summary>
[Collection(PluginCollection.Name)]
public sealed unsafe class OverrunTests
{
    private const int Rate = 48000;

    [Fact]
    public void SustainedOverrunsFallBackToPyinAndEndTheSoundingNote()
    {
        var processor = new Processor();
        double[] values = Parameters.DefaultPlainValues();
        values[(int)ParameterId.Engine] = ProgramList.Catalog.IndexOf(TestPresetFolder.LiveModel);
        Assert.True(processor.SetState(PluginState.WriteProcessor(values)));
        Assert.True(processor.SetBusArrangements(1, 1));
        Assert.True(processor.SetupProcessing(Rate, 1024));
        processor.SetActive(true);
        processor.SetProcessing(true);
        Assert.Equal(EngineStatus.ModelRunning, WaitForPreset(processor));

        float[] voice = Signals.Melody(Rate, 60, 64, 67, 72, 67, 64, 60, 64, 67, 72);
        var input = (float*)NativeMemory.AllocZeroed(128, sizeof(float));
        var ins = (float**)NativeMemory.Alloc(1, (nuint)sizeof(float*));
        ins[0] = input;
        var output = new RecordingOutput();
        var reported = new RecordingParameters();
        int position = 0, blocks = 0;
        void Block()
        {
            if (position + 128 > voice.Length) position = 0;
            voice.AsSpan(position, 128).CopyTo(new Span<float>(input, 128));
            position += 128;
            processor.Process(128, ins, 1, null, 0, null, output, Processor.Transport.Playing, reported);
            blocks++;
        }
        try
        {
            // Normal budget: the model keeps running and plays.
            for (int i = 0; i < 1500; i++) Block();
            Assert.Equal(EngineStatus.ModelRunning, processor.Status);
            Assert.True(output.NoteOns > 3, $"{output.NoteOns} notes from the model");

            // No budget: every block overruns; the switch comes at the start of the block after the eighth.
            processor.OverrunBudgetFraction = 0;
            for (int i = 0; i < Processor.OverrunBlocks; i++) Block();
            Assert.Equal(EngineStatus.ModelRunning, processor.Status);
            Block();
            Assert.Equal(EngineStatus.FallbackTooSlow, processor.Status);
            Assert.Equal(Audio2Midi.Presets.PresetEntry.PyinName, processor.RunningPreset.Name);
            Assert.Equal(0, processor.SoundingNotes);
            Assert.Equal((double)(int)EngineStatus.FallbackTooSlow, Parameters.All[(int)ParameterId.Status].ToPlain(reported.Last));

            // pYIN is not watched: it keeps playing with the same (zero) budget.
            int before = output.NoteOns;
            for (int i = 0; i < 1500; i++) Block();
            Assert.True(output.NoteOns - before > 3, "pYIN did not take over");
            Assert.Equal(EngineStatus.FallbackTooSlow, processor.Status);
            Assert.Equal(0, output.Unbalanced);
        }
        finally
        {
            NativeMemory.Free(input);
            NativeMemory.Free(ins);
            processor.Terminate();
        }
    }

    private sealed class RecordingOutput : IEventOutput
    {
        private readonly HashSet<(int, int)> _sounding = [];
        public int NoteOns;
        public int Unbalanced;

        public void NoteOn(int sampleOffset, int channel, int pitch, int velocity)
        {
            NoteOns++;
            if (!_sounding.Add((channel, pitch))) Unbalanced++;
        }

        public void NoteOff(int sampleOffset, int channel, int pitch)
        {
            if (!_sounding.Remove((channel, pitch))) Unbalanced++;
        }

        public void PitchBend(int sampleOffset, int channel, int value) { }
    }

    private sealed class RecordingParameters : IParameterOutput
    {
        public double Last = -1;

        public void Set(uint id, int sampleOffset, double normalized)
        {
            if (id == (uint)ParameterId.Status) Last = normalized;
        }
    }

    /// <summary>Empty blocks until the loader's result is taken (the model loads off the host's threads).</summary>
    internal static EngineStatus WaitForPreset(Processor processor)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (processor.Status == EngineStatus.Loading && clock.Elapsed.TotalSeconds < 60)
        {
            processor.Process(0, (float**)null, 0, (float**)null, 0, null, null, Processor.Transport.Unknown);
            Thread.Sleep(2);
        }
        return processor.Status;
    }
}
