using Audio2Midi.Engine;
using Audio2Midi.Plugin.Interop;
using Audio2Midi.Placement;
using Audio2Midi.Plugin.Tests.Host;
using Audio2Midi.Presets;

namespace Audio2Midi.Plugin.Tests;

/// <summary>
/// process through the native bundle: mid-block changes, bypass, rate changes, odd blocks, bad input, note pairing. On the
/// pYIN engine, chosen by name: these are the host mechanics, whose note timings the tests know; the default preset is
/// held to the command line note for note in <see cref="EquivalenceTests"/>.
/// </summary>
[Collection(PluginCollection.Name)]
public sealed class ProcessingTests
{
    private const int Rate = 48000;

    private static double Norm(ParameterId id, double plain) => Parameters.All[(int)id].ToNormalized(plain);

    /// <summary>The Latency steps, for theories that must hold at each.</summary>
    public static TheoryData<int> Steps => [.. LatencySteps.Milliseconds];

    private static List<PluginEvent> Run(float[] audio, int block, Action<Streamer>? configure = null, int channels = 1, int rate = Rate, int? latencyMs = null)
    {
        using var p = new PluginInstance();
        p.Start(rate, channels, latencyMs, PresetEntry.PyinName);
        var s = new Streamer(p);
        configure?.Invoke(s);
        s.Feed(audio, block);
        s.BypassOn();
        Streamer.AssertBalanced(s.Events);
        return s.Events;
    }

    /// <summary>Adds one change, at <paramref name="offset"/>, in the first block that starts 100 ms after the first NoteOn.</summary>
    private static Action<Streamer> ChangeWhileSounding(ParameterId id, double normalized, int offset, Action<long> at)
    {
        return s =>
        {
            bool done = false;
            s.BeforeBlock = (_, position, frames, changes) =>
            {
                if (done || frames <= offset) return;
                PluginEvent? on = s.Events.FirstOrDefault(e => e.IsNoteOn);
                if (on is null || on.Value.Type != Vst.EventNoteOn || position < on.Value.Position + Rate / 10) return;
                changes.Add((uint)id, offset, normalized);
                at(position + offset);
                done = true;
            };
        };
    }

    [Fact]
    public void TransposeMidBlockEndsTheNoteAtTheChangeOffset()
    {
        long changeAt = -1;
        var events = Run(Signals.Concat(Signals.Tone(60, 1.5, Rate), Signals.Silence(0.3, Rate)), 512,
            ChangeWhileSounding(ParameterId.Transpose, Norm(ParameterId.Transpose, 2), 37, p => changeAt = p));
        Assert.True(changeAt > 0);
        PluginEvent off = Assert.Single(events, e => e.IsNoteOff && e.Pitch == 60);
        Assert.Equal(changeAt, off.Position);
        Assert.Equal(37, off.Offset);
        PluginEvent on = Assert.Single(events, e => e.IsNoteOn && e.Pitch == 62);
        Assert.True(on.Position > changeAt);
    }

    [Fact]
    public void ChannelChangeMovesTheNoteToTheNewChannel()
    {
        long changeAt = -1;
        var events = Run(Signals.Concat(Signals.Tone(64, 1.5, Rate), Signals.Silence(0.3, Rate)), 256,
            ChangeWhileSounding(ParameterId.Channel, Norm(ParameterId.Channel, 5), 100, p => changeAt = p));
        PluginEvent off = Assert.Single(events, e => e.IsNoteOff && e.Channel == 0);
        Assert.Equal(changeAt, off.Position);
        Assert.Contains(events, e => e.IsNoteOn && e.Channel == 4 && e.Pitch == 64 && e.Position > changeAt);
    }

    [Fact]
    public void ChangesAtSeveralOffsetsInOneBlockApplyInOrder()
    {
        // Transpose +1 at 300, then +3 at 100 (queued out of order): the block is split at 100 and 300.
        // At Instant, so that the note the channel change re-attacks is heard before the transpose ends
        // it (with a Latency budget it would still be waiting, and is struck out unheard).
        long blockStart = -1;
        var events = Run(Signals.Concat(Signals.Tone(60, 1.5, Rate), Signals.Silence(0.3, Rate)), 1024, s =>
        {
            bool done = false;
            s.BeforeBlock = (_, position, _, changes) =>
            {
                if (done || !s.Events.Any(e => e.IsNoteOn) || position < s.Events.First(e => e.IsNoteOn).Position + Rate / 10) return;
                changes.Add((uint)ParameterId.Transpose, 300, Norm(ParameterId.Transpose, 1));
                changes.Add((uint)ParameterId.Sensitivity, 100, 0.5);
                changes.Add((uint)ParameterId.Channel, 100, Norm(ParameterId.Channel, 2));
                blockStart = position;
                done = true;
            };
        }, latencyMs: 0);
        // The channel change ends the note at 100; the transpose ends the re-attacked note at 300.
        var offs = events.Where(e => e.IsNoteOff && e.Pitch == 60).Select(e => e.Position).ToList();
        Assert.Equal(blockStart + 100, offs[0]);
        Assert.Equal(blockStart + 300, offs[^1]);
        PluginEvent last = events.Last(e => e.IsNoteOn);
        Assert.Equal(61, last.Pitch);
        Assert.Equal(1, last.Channel);
    }

    [Fact]
    public void BypassEndsNotesPassesAudioAndResumes()
    {
        float[] audio = Signals.Concat(Signals.Tone(67, 2.5, Rate), Signals.Silence(0.3, Rate));
        long bypassAt = -1, unbypassAt = -1;
        var outputs = new List<float>();
        var events = Run(audio, 480, s =>
        {
            s.AfterBlock = (_, _, output) => outputs.AddRange(output);
            s.BeforeBlock = (_, position, _, changes) =>
            {
                if (bypassAt < 0 && s.Events.Any(e => e.IsNoteOn) && position > s.Events[0].Position + Rate / 5)
                {
                    changes.Add((uint)ParameterId.Bypass, 50, 1);
                    bypassAt = position + 50;
                }
                else if (bypassAt > 0 && unbypassAt < 0 && position > bypassAt + Rate / 2)
                {
                    changes.Add((uint)ParameterId.Bypass, 0, 0);
                    unbypassAt = position;
                }
            };
        });
        PluginEvent firstOff = events.First(e => e.IsNoteOff);
        Assert.Equal(bypassAt, firstOff.Position);
        Assert.DoesNotContain(events, e => e.IsNoteOn && e.Position >= bypassAt && e.Position < unbypassAt);
        Assert.Contains(events, e => e.IsNoteOn && e.Pitch == 67 && e.Position > unbypassAt);
        // Bypass keeps the reported latency: the audio stays delayed by it throughout.
        AssertDelayed(audio, outputs, LatencySteps.ToSamples(LatencySteps.DefaultMs, Rate));
    }

    /// <summary><paramref name="output"/> is <paramref name="input"/> delayed by exactly <paramref name="delay"/> samples (silence before).</summary>
    internal static void AssertDelayed(IReadOnlyList<float> input, IReadOnlyList<float> output, int delay)
    {
        Assert.True(output.Count > delay, $"only {output.Count} output samples for a delay of {delay}");
        for (int i = 0; i < output.Count; i++)
        {
            float expected = i < delay ? 0f : input[i - delay];
            if (output[i] != expected) Assert.Fail($"output sample {i} is {output[i]}, expected input sample {i - delay} ({expected}) at a delay of {delay}");
        }
    }

    /// <summary>
    /// A note-moving change or a transport stop in a 0-frame block (hosts flush parameters with them): no event comes in
    /// that block (no offset is valid there); the NoteOff and, with pitch bend on, the bend reset come at offset 0 of
    /// the next block that has samples, and nothing hangs.
    /// </summary>
    [Theory]
    [InlineData("transpose")]
    [InlineData("channel")]
    [InlineData("preset")]
    [InlineData("transport stop")]
    public void WhatAnEmptyBlockEndsLeavesAtTheStartOfTheNextBlockWithSamples(string what)
    {
        using var p = new PluginInstance();
        p.Start(Rate, preset: PresetEntry.PyinName);
        var s = new Streamer(p) { TransportState = Vst.ContextPlaying };
        s.Block([], c => c.Add((uint)ParameterId.PitchBend, 0, 1.0));
        s.Feed(Signals.Tone(60.3, 1.0, Rate), 256);
        Assert.Contains(s.Events, e => e.IsNoteOn && e.Pitch == 60);
        Assert.Contains(s.Events, e => !e.IsNoteOn && !e.IsNoteOff && e.Bend != 0);
        int before = s.Events.Count;
        if (what == "transport stop") s.TransportState = 0;
        s.Block([], c =>
        {
            if (what == "transpose") c.Add((uint)ParameterId.Transpose, 0, Norm(ParameterId.Transpose, 2));
            if (what == "channel") c.Add((uint)ParameterId.Channel, 0, Norm(ParameterId.Channel, 3));
            if (what == "preset") c.Add((uint)ParameterId.Engine, 0, Norm(ParameterId.Engine, ProgramList.Catalog.IndexOf(TestPresetFolder.LiveModel)));
        });
        Assert.Equal(before, s.Events.Count);
        long next = s.Position;
        s.Block(new float[64]);
        PluginEvent off = Assert.Single(s.Events.Skip(before), e => e.IsNoteOff && e.Pitch == 60);
        Assert.Equal(next, off.Position);
        Assert.Contains(s.Events.Skip(before), e => !e.IsNoteOn && !e.IsNoteOff && e.Bend == 0 && e.Position == next);
        s.BypassOn();
        Streamer.AssertBalanced(s.Events);
    }

    [Fact]
    public void TransportStopEndsTheNote()
    {
        using var p = new PluginInstance();
        p.Start(Rate, preset: PresetEntry.PyinName);
        var s = new Streamer(p) { TransportState = Vst.ContextPlaying };
        s.Feed(Signals.Tone(62, 0.6, Rate), 256);
        Assert.Contains(s.Events, e => e.IsNoteOn);
        s.TransportState = 0;
        long stopAt = s.Position;
        s.Feed(Signals.Tone(62, 0.01, Rate), 256);
        PluginEvent off = Assert.Single(s.Events, e => e.IsNoteOff);
        Assert.Equal(stopAt, off.Position);
        s.BypassOn();
        Streamer.AssertBalanced(s.Events);
    }

    [Fact]
    public void DeactivationAndSampleRateChangeEndNotesAndTheNewRateWorks()
    {
        using var p = new PluginInstance();
        p.Start(Rate, preset: PresetEntry.PyinName);
        uint latency48 = p.LatencySamples;
        var s = new Streamer(p);
        s.Feed(Signals.Tone(57, 0.6, Rate), 128);
        Assert.Contains(s.Events, e => e.IsNoteOn && e.Pitch == 57);

        Assert.Equal(Result.Ok, p.SetProcessing(false));
        Assert.Equal(Result.Ok, p.SetActive(false));
        Assert.Equal(Result.Ok, p.Setup(96000));
        Assert.Equal(Result.Ok, p.SetActive(true));
        Assert.Equal(Result.Ok, p.SetProcessing(true));
        Assert.Equal((uint)LatencySteps.ToSamples(LatencySteps.DefaultMs, 96000), p.LatencySamples);
        Assert.Equal(2 * latency48, p.LatencySamples);

        long restart = s.Position;
        s.Feed(Signals.Concat(Signals.Tone(69, 0.6, 96000), Signals.Silence(0.3, 96000)), 1000);
        PluginEvent off = Assert.Single(s.Events, e => e.IsNoteOff && e.Pitch == 57);
        Assert.Equal(restart, off.Position);
        Assert.Contains(s.Events, e => e.IsNoteOn && e.Pitch == 69 && e.Position > restart);
        s.BypassOn();
        Streamer.AssertBalanced(s.Events);
    }

    [Theory]
    [InlineData(22050)]
    [InlineData(44100)]
    [InlineData(88200)]
    [InlineData(192000)]
    public void EveryRateFindsTheNoteAndReportsTheLatencyStep(int rate)
    {
        using var p = new PluginInstance();
        p.Start(rate, preset: PresetEntry.PyinName);
        Assert.Equal((uint)Math.Round(LatencySteps.DefaultMs * rate / 1000.0), p.LatencySamples);
        var s = new Streamer(p);
        s.Feed(Signals.Concat(Signals.Tone(65, 0.5, rate), Signals.Silence(0.3, rate)), 333);
        Assert.Single(s.Events, e => e.IsNoteOn && e.Pitch == 65);
        Streamer.AssertBalanced(s.Events);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void BlockPartitionDoesNotChangeTheEvents(int latencyMs)
    {
        float[] audio = Signals.Melody(Rate, 60, 64, 67, 72, 69);
        var reference = Run(audio, 128, latencyMs: latencyMs).Select(e => (e.Position, e.Type, e.Pitch)).ToList();
        Assert.True(reference.Count(e => e.Type == Vst.EventNoteOn) >= 5);
        foreach (int block in new[] { 1, 17, 1000, 8192 })
            Assert.Equal(reference, Run(audio, block, latencyMs: latencyMs).Select(e => (e.Position, e.Type, e.Pitch)).ToList());

        // Random sizes from 0 to 8192, with 0-frame blocks (some carrying no-op parameter points) in between.
        var random = new Random(5);
        using var p = new PluginInstance();
        p.Start(Rate, latencyMs: latencyMs, preset: PresetEntry.PyinName);
        var s = new Streamer(p);
        for (int done = 0; done < audio.Length;)
        {
            s.Block([], random.Next(2) == 0 ? null : c => c.Add((uint)ParameterId.Sensitivity, 0, 0.5));
            int n = Math.Min(audio.Length - done, random.Next(9) switch { 0 => 8192, 1 => 1, _ => random.Next(0, 700) });
            s.Block(audio.AsSpan(done, n));
            done += n;
        }
        s.BypassOn();
        Assert.Equal(reference, s.Events.Select(e => (e.Position, e.Type, e.Pitch)).ToList());
    }

    [Fact]
    public void NaNInfAndDenormalsNeitherStallTheEngineNorReachTheOutput()
    {
        float[] bad = Signals.Tone(60, 0.5, Rate);
        var random = new Random(3);
        for (int i = 0; i < bad.Length; i += random.Next(1, 50))
            bad[i] = (i % 4) switch { 0 => float.NaN, 1 => float.PositiveInfinity, 2 => float.NegativeInfinity, _ => 1e-40f };
        var outputs = new List<float>();
        var events = Run(Signals.Concat(bad, Signals.Silence(0.2, Rate), Signals.Tone(64, 0.5, Rate), Signals.Silence(0.3, Rate)), 256,
            s => s.AfterBlock = (_, _, o) => outputs.AddRange(o));
        Assert.All(outputs, x => Assert.True(float.IsFinite(x)));
        Assert.Contains(events, e => e.IsNoteOn && e.Pitch == 64);
        Assert.Equal(0, NativeModule.Instance.CaughtExceptions);
    }

    [Fact]
    public void StereoInputIsMixedForTheEngineAndPassedThroughPerChannel()
    {
        var events = Run(Signals.Concat(Signals.Tone(59, 0.5, Rate), Signals.Silence(0.3, Rate)), 128, channels: 2);
        Assert.Single(events, e => e.IsNoteOn && e.Pitch == 59);
    }

    [Fact]
    public void SixtyFourBitProcessingGivesTheSameNotesAndPassesTheAudio()
    {
        float[] audio = Signals.Melody(Rate, 62, 66, 69);
        const int block = 256;
        var reference = Run(audio, block).Select(e => (e.Position, e.Type, e.Pitch)).ToList();

        using var p = new PluginInstance();
        // pYIN, as the reference runs: the default preset loads in the background, and its swap from the fallback
        // lands wherever the loader finishes (a note split at 0.8 s once, under load).
        p.SetStartState(null, PresetEntry.PyinName);
        int delay = LatencySteps.ToSamples(LatencySteps.DefaultMs, Rate);
        var delayLine = new Queue<double>(Enumerable.Repeat(0.0, delay));
        Assert.Equal(Result.True, p.CanProcessSampleSize(Vst.Sample64));
        Assert.Equal(Result.Ok, p.SetBusArrangements(Vst.SpeakerArrangementMono, Vst.SpeakerArrangementMono));
        Assert.Equal(Result.Ok, p.Setup(Rate, block, Vst.Sample64));
        Assert.Equal(Result.Ok, p.SetActive(true));
        Assert.Equal(Result.Ok, p.SetProcessing(true));
        var recorder = new HostEventRecorder();
        var changes = new HostParameterChangeList();
        var input = new[] { new double[block] };
        var output = new[] { new double[block] };
        var events = new List<(long, ushort, int)>();
        // The blocks of the file, then a 0-frame block that switches bypass on (as Run does).
        for (int start = 0; start <= audio.Length; start += Math.Max(1, Math.Min(block, audio.Length - start)))
        {
            int n = Math.Min(block, audio.Length - start);
            for (int i = 0; i < n; i++) input[0][i] = audio[start + i];
            changes.Clear();
            if (n == 0) changes.Add((uint)ParameterId.Bypass, 0, 1);
            recorder.Clear();
            Assert.Equal(Result.Ok, p.Process64(input, output, n, changes, recorder));
            for (int i = 0; i < n; i++)
            {
                delayLine.Enqueue(input[0][i]);
                Assert.Equal(delayLine.Dequeue(), output[0][i]); // the input, delayed by the reported latency, unrounded
            }
            foreach (Event e in recorder.Events)
            {
                PluginEvent pe = Streamer.Convert(e, start, 0);
                events.Add((pe.Position, pe.Type, pe.Pitch));
            }
        }
        Assert.Equal(reference, events);
    }

    [Fact]
    public void BusesAreNegotiated()
    {
        using var p = new PluginInstance();
        Assert.Equal(1, p.BusCount(Vst.MediaAudio, Vst.DirectionInput));
        Assert.Equal(1, p.BusCount(Vst.MediaAudio, Vst.DirectionOutput));
        Assert.Equal(1, p.BusCount(Vst.MediaEvent, Vst.DirectionOutput));
        Assert.Equal(0, p.BusCount(Vst.MediaEvent, Vst.DirectionInput));
        Assert.Equal(Result.Ok, p.BusInfo(Vst.MediaEvent, Vst.DirectionOutput, 0, out BusInfo ev));
        Assert.Equal(16, ev.ChannelCount);
        Assert.Equal(Result.Ok, p.SetBusArrangements(Vst.SpeakerArrangementMono, Vst.SpeakerArrangementMono));
        Assert.Equal(Result.Ok, p.BusInfo(Vst.MediaAudio, Vst.DirectionInput, 0, out BusInfo mono));
        Assert.Equal(1, mono.ChannelCount);
        Assert.Equal(Result.Ok, p.SetBusArrangements(Vst.SpeakerArrangementStereo, Vst.SpeakerArrangementStereo));
        Assert.Equal(Result.False, p.SetBusArrangements(Vst.SpeakerArrangementMono, Vst.SpeakerArrangementStereo));
        Assert.Equal(Result.False, p.SetBusArrangements(0x3F, 0x3F));
        Assert.Equal(Result.Ok, p.BusInfo(Vst.MediaAudio, Vst.DirectionOutput, 0, out BusInfo stereo));
        Assert.Equal(2, stereo.ChannelCount);
    }
}
