using Audio2Midi.Placement;
using Audio2Midi.Plugin.Interop;
using Audio2Midi.Plugin.Tests.Host;
using Audio2Midi.Presets;

namespace Audio2Midi.Plugin.Tests;

/// <summary>
/// The Latency control through the native bundle: the audio is delayed by exactly what getLatencySamples
/// reports, at every step, 32 and 64 bit, any block size; a step change tells the host, ends the
/// sounding note and crossfades the audio. (Notes equal to `a2m transcribe --live --latency`:
/// <see cref="EquivalenceTests"/>; allocation: <see cref="AllocationTests"/>.)
/// </summary>
[Collection(PluginCollection.Name)]
public sealed unsafe class LatencyTests
{
    private const int Rate = 48000;

    private static double Norm(int ms) => Parameters.All[(int)ParameterId.Latency].ToNormalized(Parameters.LatencyPlain(ms));

    /// <summary>Block sizes 0..8192 in a fixed random order, with the extremes included.</summary>
    private static IEnumerable<int> Blocks(int total, int seed)
    {
        var random = new Random(seed);
        int[] special = [0, 1, 8192, 0, 4096, 17];
        int done = 0;
        for (int i = 0; done < total; i++)
        {
            int n = i < special.Length ? special[i] : random.Next(8) == 0 ? random.Next(0, 8193) : random.Next(0, 700);
            n = Math.Min(n, total - done);
            yield return n;
            done += n;
        }
    }

    [Theory]
    [MemberData(nameof(ProcessingTests.Steps), MemberType = typeof(ProcessingTests))]
    public void AudioIsTheInputDelayedByExactlyTheReportedLatency32Bit(int latencyMs)
    {
        foreach (int rate in new[] { 44100, 48000, 96000 })
        {
            using var p = new PluginInstance();
            p.Start(rate, channels: 2, latencyMs: latencyMs);
            int delay = (int)p.LatencySamples;
            Assert.Equal(LatencySteps.ToSamples(latencyMs, rate), delay);
            float[] left = Signals.Concat(Signals.Tone(60, 0.4, rate), Signals.Silence(0.05, rate), Signals.Tone(67, 0.3, rate));
            var noise = new Random(latencyMs + rate);
            float[] right = left.Select(_ => (float)(noise.NextDouble() - 0.5)).ToArray();
            var outLeft = new List<float>();
            var outRight = new List<float>();
            int done = 0;
            foreach (int n in Blocks(left.Length, latencyMs))
            {
                left.AsSpan(done, n).CopyTo(p.Input(0));
                right.AsSpan(done, n).CopyTo(p.Input(1));
                PluginInstance.Check(p.Process(n, null, new HostEventRecorder()), "process");
                outLeft.AddRange(p.Output(0).Slice(0, n).ToArray());
                outRight.AddRange(p.Output(1).Slice(0, n).ToArray());
                done += n;
            }
            ProcessingTests.AssertDelayed(left, outLeft, delay);
            ProcessingTests.AssertDelayed(right, outRight, delay);
        }
    }

    [Theory]
    [MemberData(nameof(ProcessingTests.Steps), MemberType = typeof(ProcessingTests))]
    public void AudioIsTheInputDelayedByExactlyTheReportedLatency64Bit(int latencyMs)
    {
        using var p = new PluginInstance();
        double[] values = Parameters.DefaultPlainValues();
        values[(int)ParameterId.Latency] = Parameters.LatencyPlain(latencyMs);
        PluginInstance.Check(p.SetState(PluginState.WriteProcessor(values)), "setState");
        Assert.Equal(Result.Ok, p.SetBusArrangements(Vst.SpeakerArrangementStereo, Vst.SpeakerArrangementStereo));
        Assert.Equal(Result.Ok, p.Setup(Rate, 8192, Vst.Sample64));
        Assert.Equal(Result.Ok, p.SetActive(true));
        Assert.Equal(Result.Ok, p.SetProcessing(true));
        int delay = (int)p.LatencySamples;
        var random = new Random(11);
        double[][] signal = [new double[Rate], new double[Rate]];
        for (int i = 0; i < Rate; i++)
        {
            signal[0][i] = Math.Sin(i * 0.01) * 0.5 + 1e-12 * i; // detail below float resolution must survive
            signal[1][i] = random.NextDouble() - 0.5;
        }
        double[][] input = [new double[8192], new double[8192]];
        double[][] output = [new double[8192], new double[8192]];
        var recorder = new HostEventRecorder();
        int done = 0;
        foreach (int n in Blocks(Rate, 3))
        {
            for (int c = 0; c < 2; c++) signal[c].AsSpan(done, n).CopyTo(input[c]);
            Assert.Equal(Result.Ok, p.Process64(input, output, n, null, recorder));
            for (int c = 0; c < 2; c++)
                for (int i = 0; i < n; i++)
                {
                    double expected = done + i < delay ? 0 : signal[c][done + i - delay];
                    if (output[c][i] != expected) Assert.Fail($"channel {c} sample {done + i}: {output[c][i]} instead of {expected}");
                }
            done += n;
        }
    }

    /// <summary>
    /// A step chosen in the controller, in a host that offers its run loop: the processor reports it at once; the host is
    /// asked to re-read the latency once, from the run loop's timer, never inside setParamNormalized; a step the host
    /// already has asks nothing.
    /// </summary>
    [Fact]
    public void AStepChosenInTheControllerIsAnnouncedOnceFromTheRunLoop()
    {
        using var p = new PluginInstance(host: new HostApplication(runLoop: true));
        WithHandler(p, handler =>
        {
            p.Start(Rate, latencyMs: 60);
            Assert.Equal((uint)LatencySteps.ToSamples(60, Rate), p.LatencySamples);   // the host reads it on activation
            handler.OnRestart = flags => { _ = p.LatencySamples; };                    // and again when asked

            Assert.Equal(Result.Ok, p.SetParamNormalized((uint)ParameterId.Latency, Norm(120)));
            Assert.Empty(handler.Restarts);                                             // not inside the call
            p.Host.FireTimers();
            Assert.Equal([Vst.RestartLatencyChanged], handler.Restarts);
            p.Host.FireTimers();
            Assert.Single(handler.Restarts);                                            // once per change
            Assert.Equal((uint)LatencySteps.ToSamples(120, Rate), p.LatencySamples);

            Assert.Equal(Result.Ok, p.SetParamNormalized((uint)ParameterId.Latency, Norm(120)));
            p.Host.FireTimers();
            Assert.Single(handler.Restarts);
            Assert.Equal(Result.Ok, p.SetParamNormalized((uint)ParameterId.Latency, Norm(60)));
            p.Host.FireTimers();
            Assert.Equal([Vst.RestartLatencyChanged, Vst.RestartLatencyChanged], handler.Restarts);
            Assert.Equal(0, handler.RestartsInsideHostCalls);
        });
    }

    /// <summary>
    /// A host that offers no UI timer (Ardour 7.3): a new step or preset is not announced inside its own
    /// setParamNormalized (the host's program change may hold its locks) but at the next value the host's UI thread
    /// reads (getParamNormalized, getParamStringByValue, normalizedParamToPlain: Ardour reads the values it shows
    /// through the last).
    /// </summary>
    [Fact]
    public void WithoutAUiTimerChangesAreAnnouncedAtTheNextValueRead()
    {
        using var p = new PluginInstance();
        WithHandler(p, handler =>
        {
            p.Start(Rate, latencyMs: 60);
            Assert.Equal((uint)LatencySteps.ToSamples(60, Rate), p.LatencySamples);
            handler.OnRestart = flags => { _ = p.LatencySamples; };
            Assert.Equal(Result.Ok, p.SetParamNormalized((uint)ParameterId.Latency, Norm(250)));
            Assert.Empty(handler.Restarts);
            Assert.Equal(4.0, p.NormalizedToPlain((uint)ParameterId.Latency, Norm(250)));   // plain value: the index of the step
            Assert.Equal([Vst.RestartLatencyChanged], handler.Restarts);
            Assert.Equal((uint)LatencySteps.ToSamples(250, Rate), p.LatencySamples);

            double accurate = Parameters.All[(int)ParameterId.Engine].ToNormalized(ProgramList.Catalog.IndexOf(TestPresetFolder.AccurateModel));
            Assert.Equal(Result.Ok, p.SetParamNormalized((uint)ParameterId.Engine, accurate));
            Assert.Single(handler.Restarts);
            p.ParamString((uint)ParameterId.Status, 0);
            Assert.Equal(2, handler.Restarts.Count);
            Assert.Equal((uint)LatencySteps.ToSamples(ProgramList.Catalog.Find(TestPresetFolder.AccurateModel)!.FloorMs, Rate), p.LatencySamples);
            Assert.Equal(0, handler.RestartsInsideHostCalls);
        });
    }

    /// <summary>
    /// Automation that reaches the processor only (a host that does not mirror it to the controller): the processor
    /// reports the new step, the controller's tick asks the host to re-read it, and until the host has, the notes and
    /// the audio stay placed for the latency the host believes. Then, at the next block's start, the sounding note
    /// ends, the audio crossfades without a click, and runs at the new delay exactly.
    /// </summary>
    [Fact]
    public void AutomatedStepWaitsForTheHostEndsTheNoteAndDoesNotClick()
    {
        using var p = new PluginInstance();
        WithHandler(p, handler =>
        {
            p.Start(Rate, latencyMs: 60);
            Assert.Equal((uint)LatencySteps.ToSamples(60, Rate), p.LatencySamples);
            float[] tone = Signals.Concat(Signals.Tone(64, 1.6, Rate, amplitude: 0.5), Signals.Silence(0.3, Rate));
            var s = new Streamer(p);
            var output = new List<float>();
            long changeAt = -1, appliedAt = -1;
            bool read = false;
            s.AfterBlock = (start, frames, o) =>
            {
                output.AddRange(o);
                if (changeAt < 0 || read) return;
                if (start + frames > changeAt && handler.Restarts.Count == 0)
                {
                    // The audio still runs at the step the host believes, though the processor reports the new one.
                    p.GetParamNormalized((uint)ParameterId.Latency);   // the UI thread's tick
                    Assert.Equal([Vst.RestartLatencyChanged], handler.Restarts);
                }
                else if (handler.Restarts.Count == 1 && start > changeAt + 2048)
                {
                    Assert.Equal((uint)LatencySteps.ToSamples(120, Rate), p.LatencySamples);   // the host reads it, late
                    read = true;
                    appliedAt = start + frames;
                }
            };
            s.BeforeBlock = (_, position, frames, changes) =>
            {
                if (changeAt >= 0 || frames < 200 || position < Rate) return;
                Assert.Contains(s.Events, e => e.IsNoteOn);
                changes.Add((uint)ParameterId.Latency, 100, Norm(120));
                changeAt = position + 100;
            };
            s.Feed(tone, 480);
            s.BypassOn();

            Assert.True(appliedAt > 0);
            Streamer.AssertBalanced(s.Events);
            Assert.DoesNotContain(s.Events, e => e.IsNoteOff && e.Position > changeAt && e.Position < appliedAt);
            Assert.Contains(s.Events, e => e.IsNoteOff && e.Position == appliedAt);
            Assert.Equal(0, handler.RestartsInsideHostCalls);

            // Until then the audio is the input at the old delay, exactly.
            int oldDelay = LatencySteps.ToSamples(60, Rate);
            for (int i = oldDelay; i < appliedAt; i++) Assert.Equal(tone[i - oldDelay], output[i]);

            // No click: across the crossfade the output never steps further from one sample to the next than the tone itself does.
            double toneStep = MaxStep(tone, 0, tone.Length);
            double fadeStep = MaxStep(output, (int)appliedAt - 10, (int)appliedAt + 2 * (int)(0.005 * Rate));
            Assert.True(fadeStep <= 1.5 * toneStep, $"output steps by {fadeStep:0.0000} across the change; the tone by at most {toneStep:0.0000}");

            // After the crossfade the audio is the input at the new delay, exactly.
            int delay = LatencySteps.ToSamples(120, Rate);
            for (int i = (int)appliedAt + 400; i < output.Count; i++)
                Assert.Equal(i < delay ? 0f : tone[i - delay], output[i]);
        });
    }

    /// <summary>
    /// A windowed preset chosen by a parameter change in process raises the reported latency to its floor; until the
    /// host has read it, the audio keeps the delay the host compensates, then moves to the floor.
    /// </summary>
    [Fact]
    public void AWindowedPresetKeepsTheAudioWhereTheHostExpectsItUntilTheHostReads()
    {
        using var p = new PluginInstance();
        p.Start(Rate, latencyMs: 60);
        Assert.Equal((uint)LatencySteps.ToSamples(60, Rate), p.LatencySamples);
        PresetEntry accurate = ProgramList.Catalog.Find(TestPresetFolder.AccurateModel)!;
        double value = Parameters.All[(int)ParameterId.Engine].ToNormalized(ProgramList.Catalog.IndexOf(accurate.Name));
        var s = new Streamer(p) { Speed = 8, PacedRate = Rate };
        var output = new List<float>();
        s.AfterBlock = (_, _, o) => output.AddRange(o);
        s.Block(new float[480], c => c.Add((uint)ParameterId.Engine, 100, value));
        float[] click = new float[Rate / 2];
        click[100] = 1;
        int first = output.Count;
        s.Feed(click, 480);
        Assert.Equal(first + 100 + LatencySteps.ToSamples(60, Rate), output.FindIndex(first, x => x != 0));

        int floor = LatencySteps.ToSamples(accurate.FloorMs, Rate);
        Assert.Equal((uint)floor, p.LatencySamples);   // the host reads the new latency
        s.Feed(new float[480], 480);                    // the delay crossfades to the floor at this block's start
        int second = output.Count + 100;
        s.Feed(click, 480);
        s.Feed(new float[floor + Rate / 10], 480);
        Assert.Equal(0f, output[second + LatencySteps.ToSamples(60, Rate)]);
        Assert.Equal(1f, output[second + floor]);
    }

    /// <summary>A host that never reads the latency again still gets the new step, a second later.</summary>
    [Fact]
    public void AStepTheHostNeverReadsAppliesAfterASecond()
    {
        using var p = new PluginInstance();
        p.Start(Rate, latencyMs: 60);
        Assert.Equal((uint)LatencySteps.ToSamples(60, Rate), p.LatencySamples);
        var s = new Streamer(p);
        var output = new List<float>();
        s.AfterBlock = (_, _, o) => output.AddRange(o);
        s.Block(new float[480], c => c.Add((uint)ParameterId.Latency, 0, Norm(250)));
        float[] click = new float[(int)(1.5 * Rate)];
        click[click.Length - Rate / 4] = 1;   // after the limit has passed
        s.Feed(click, 480);
        s.Feed(new float[Rate / 2], 480);
        int at = output.FindIndex(x => x != 0);
        Assert.Equal(480 + click.Length - Rate / 4 + LatencySteps.ToSamples(250, Rate), at);
    }

    [Fact]
    public void LoadingAProjectOnAnotherStepIsAnnouncedAfterTheStateCall()
    {
        using var p = new PluginInstance();
        WithHandler(p, handler =>
        {
            _ = p.LatencySamples;   // the host has read the default
            double[] values = Parameters.DefaultPlainValues();
            values[(int)ParameterId.Latency] = Parameters.LatencyPlain(LatencySteps.DefaultMs);
            Assert.Equal(Result.Ok, p.SetState(PluginState.WriteProcessor(values)));
            Assert.Equal(Result.Ok, p.SetComponentState(PluginState.WriteProcessor(values)));
            p.GetParamNormalized(0);
            Assert.Empty(handler.Restarts);
            values[(int)ParameterId.Latency] = Parameters.LatencyPlain(0);
            Assert.Equal(Result.Ok, p.SetState(PluginState.WriteProcessor(values)));
            Assert.Equal(Result.Ok, p.SetComponentState(PluginState.WriteProcessor(values)));
            Assert.Empty(handler.Restarts);
            p.GetParamNormalized(0);
            Assert.Equal([Vst.RestartLatencyChanged], handler.Restarts);
            Assert.Equal(0, handler.RestartsInsideHostCalls);
        });
    }

    [Fact]
    public void InstantReportsNoLatencyAndPassesTheAudioUndelayed()
    {
        using var p = new PluginInstance();
        p.Start(Rate, latencyMs: 0);
        Assert.Equal(0u, p.LatencySamples);
        float[] tone = Signals.Tone(60, 0.1, Rate);
        tone.CopyTo(p.Input(0));
        PluginInstance.Check(p.Process(tone.Length, null, null), "process");
        Assert.Equal(tone, p.Output(0).Slice(0, tone.Length).ToArray());
    }

    /// <summary>Runs <paramref name="test"/> with a component handler set on the controller, and takes it away after.</summary>
    private static void WithHandler(PluginInstance p, Action<HostComponentHandler> test)
    {
        var handler = new HostComponentHandler();
        try
        {
            Assert.Equal(Result.Ok, p.SetComponentHandler(handler.Pointer));
            test(handler);
        }
        finally
        {
            p.SetComponentHandler(null);
            handler.ReleaseReference();
        }
    }

    private static double MaxStep(IReadOnlyList<float> x, int from, int to)
    {
        double max = 0;
        for (int i = Math.Max(1, from); i < Math.Min(x.Count, to); i++) max = Math.Max(max, Math.Abs(x[i] - x[i - 1]));
        return max;
    }
}
