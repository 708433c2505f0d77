using Audio2Midi.Placement;
using Audio2Midi.Plugin.Interop;
using Audio2Midi.Plugin.Tests.Host;
using Audio2Midi.Presets;

namespace Audio2Midi.Plugin.Tests;

/// <summary>
/// The two halves talk through IMessages the host creates, so it works whether the host connects them directly or
/// through proxies (as the VST3 SDK's hosting helpers do), and latency changes reach the host from its UI thread:
/// the run loop's timer where the host offers one, else its next UI-thread call.
/// </summary>
[Collection(PluginCollection.Name)]
public sealed unsafe class ConnectionTests
{
    private const int Rate = 48000;

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void APresetChangeIsAnnouncedOnceFromTheUiThreadAndItsNotesArePlacedRight(bool proxy, bool runLoop)
    {
        var host = new HostApplication(runLoop);
        host.AddReference();   // kept for the checks after the instance is gone
        var handler = new HostComponentHandler();
        try
        {
            using (var p = new PluginInstance(proxy: proxy, host: host))
            {
                Assert.Equal(runLoop ? 1 : 0, host.TimerCount);
                Assert.Equal(Result.Ok, p.SetComponentHandler(handler.Pointer));
                p.Start(Rate, latencyMs: 60);
                Assert.Equal((uint)LatencySteps.ToSamples(60, Rate), p.LatencySamples);   // read on activation
                handler.OnRestart = flags => { _ = p.LatencySamples; };                              // and when asked

                PresetEntry accurate = ProgramList.Catalog.Find(TestPresetFolder.AccurateModel)!;
                double value = Parameters.All[(int)ParameterId.Engine].ToNormalized(ProgramList.Catalog.IndexOf(accurate.Name));
                Assert.Equal(Result.Ok, p.SetParamNormalized((uint)ParameterId.Engine, value));
                Assert.Empty(handler.Restarts);

                // The host streams (the preset comes in its parameter changes too) and its UI thread ticks now and then.
                var s = new Streamer(p) { Speed = 8, PacedRate = Rate };
                void UiThread()
                {
                    if (runLoop) host.FireTimers();
                    else p.GetParamNormalized((uint)ParameterId.Engine);
                }
                s.AfterBlock = (_, _, _) => { if (s.Blocks % 40 == 0) UiThread(); };
                s.Block(new float[128], c => c.Add((uint)ParameterId.Engine, 0, value));
                s.FeedUntil(() => p.Status == EngineStatus.ModelRunning, new float[Rate], 128);
                Assert.Equal(EngineStatus.ModelRunning, p.Status);
                Assert.Equal([Vst.RestartLatencyChanged], handler.Restarts);
                Assert.Equal(0, handler.RestartsInsideHostCalls);
                int floor = LatencySteps.ToSamples(accurate.FloorMs, Rate);
                Assert.Equal((uint)floor, p.LatencySamples);

                // Notes leave where they were sung plus the latency the host compensates.
                long onset = s.Position + Rate / 10;
                s.Feed(Signals.Concat(Signals.Silence(0.1, Rate), Signals.Tone(64, 1.0, Rate, amplitude: 0.5), Signals.Silence(2.0, Rate)), 128);
                PluginEvent on = Assert.Single(s.Events, e => e.IsNoteOn && e.Position > onset - Rate / 10);
                double late = (on.Position - onset - floor) * 1000.0 / Rate;
                Assert.True(Math.Abs(late) <= 40, $"the note left {late:0} ms from its sung place plus the reported latency");
                s.BypassOn();
                Streamer.AssertBalanced(s.Events);
                Assert.Single(handler.Restarts);

                Assert.True(host.MessagesCreated > 0, "no message was made through the host");
                if (proxy)
                {
                    Assert.True(p.ProxyTraffic.Forwarded > 0);
                    Assert.Equal(0, p.ProxyTraffic.FromOtherThreads);
                }
                p.SetComponentHandler(null);
            }
            Assert.Equal(0, host.TimerCount);   // the controller unregistered its timer on terminate
        }
        finally
        {
            handler.ReleaseReference();
            host.ReleaseReference();
        }
    }

    /// <summary>A host that passes no context (no messages): the direct link still carries a preset choice.</summary>
    [Fact]
    public void WithoutAHostContextTheDirectLinkCarriesThePreset()
    {
        using var p = new PluginInstance(host: PluginInstance.NoHost);
        p.Start(Rate, latencyMs: 60);
        PresetEntry accurate = ProgramList.Catalog.Find(TestPresetFolder.AccurateModel)!;
        double value = Parameters.All[(int)ParameterId.Engine].ToNormalized(ProgramList.Catalog.IndexOf(accurate.Name));
        Assert.Equal(Result.Ok, p.SetParamNormalized((uint)ParameterId.Engine, value));
        Assert.Equal((uint)LatencySteps.ToSamples(accurate.FloorMs, Rate), p.LatencySamples);
    }
}
