using Audio2Midi.Plugin.Interop;
using Audio2Midi.Plugin.Tests.Host;
using Audio2Midi.Presets;

namespace Audio2Midi.Plugin.Tests;

/// <summary>
/// Model presets in the published native plugin: the menu (shipped and user presets), bad preset files falling back
/// to pYIN with a status and a log line, switching presets while audio plays (no hanging note, nothing allocated on
/// the audio thread), the state naming its preset, and ONNX Runtime loaded from the bundle.
/// </summary>
[Collection(PluginCollection.Name)]
public sealed unsafe class PresetTests
{
    private const int Rate = 48000;

    private static double Normalized(string preset)
    {
        int index = ProgramList.Catalog.IndexOf(preset);
        Assert.True(index >= 0, $"no preset '{preset}' in {string.Join(", ", ProgramList.Names)}");
        return Parameters.All[(int)ParameterId.Engine].ToNormalized(index);
    }

    private static float[] Voice() => Signals.Melody(Rate, 60, 62, 64, 65, 67, 69, 71, 72, 74, 72, 69, 67);

    [Fact]
    public void TheMenuListsPyinTheShippedModelsAndTheUsersOwn()
    {
        using var p = new PluginInstance();
        PluginInstance.Check(p.ProgramListInfo(0, out ProgramListInfo info), "getProgramListInfo");
        string[] names = Enumerable.Range(0, info.ProgramCount).Select(i => p.ProgramName(ProgramList.Id, i)).ToArray();
        Assert.Equal(ProgramList.Names, names);
        Assert.Equal(PresetEntry.PyinName, names[0]);
        Assert.Contains(TestPresetFolder.LiveModel, names);
        Assert.Contains(TestPresetFolder.UserModel, names);
        // Listed so the user sees it (selecting it says why it cannot run); the unreadable file is not.
        Assert.Contains(TestPresetFolder.Newer, names);
        Assert.Equal(ProgramList.Count - 1, p.ParameterInfo((int)ParameterId.Engine).StepCount);
        // Shipped presets come from the bundle the plugin was loaded from, not from the repository.
        string line = TestPresetFolder.LogLines().Last(l => l.Contains(BundleFixture.BinaryPath + ": presets:", StringComparison.Ordinal));
        Assert.StartsWith(Path.Combine(BundleFixture.BundlePath, "Contents", "Resources", "presets"), line.Split("shipped ")[1]);
    }

    public static TheoryData<string, int> BadPresets => new()
    {
        { TestPresetFolder.Truncated, (int)EngineStatus.FallbackCorrupt },
        { TestPresetFolder.Corrupt, (int)EngineStatus.FallbackCorrupt },
        { TestPresetFolder.Newer, (int)EngineStatus.FallbackNewerFormat },
        { TestPresetFolder.MissingOnnx, (int)EngineStatus.FallbackMissing },
    };

    /// <summary>A preset that cannot run: pYIN runs instead, the Status parameter says why, the log names the file, notes still come.</summary>
    [Theory]
    [MemberData(nameof(BadPresets))]
    public void ABadPresetFallsBackToPyinWithAStatus(string preset, int expectedStatus)
    {
        var expected = (EngineStatus)expectedStatus;
        using var p = new PluginInstance();
        p.Start(Rate, preset: preset);
        var s = new Streamer(p);
        s.Feed(Voice(), 128);
        s.BypassOn();
        Assert.Equal(expected, p.Status);
        Assert.Equal(0, NativeModule.Instance.CaughtExceptions);
        Assert.True(s.Events.Count(e => e.IsNoteOn) >= 8, $"{s.Events.Count(e => e.IsNoteOn)} notes: pYIN did not take over");
        Streamer.AssertBalanced(s.Events);
        string log = File.ReadAllText(TestPresetFolder.LogPath);
        Assert.Contains($"preset '{preset}' cannot run, pYIN runs instead", log);
        Assert.Contains(TestPresetFolder.Folder, log);
    }

    /// <summary>
    /// At a rate no engine runs at, a model preset says so (not "model file corrupt"), and the log gives the real reason on
    /// one line (no NativeAOT resource placeholder); the audio still passes through.
    /// </summary>
    [Theory]
    [InlineData(1000.0)]
    [InlineData(4000.0)]
    [InlineData(7999.5)]
    [InlineData(400000.0)]
    [InlineData(768000.0)]
    public void AtARateNoEngineRunsTheStatusAndTheLogSayWhy(double rate)
    {
        using var p = new PluginInstance();
        p.Start(rate, preset: TestPresetFolder.LiveModel);
        p.Input(0)[..128].Fill(0.25f);
        PluginInstance.Check(p.Process(128, null, null), "process");
        Assert.Equal(EngineStatus.NoEngineAtRate, p.Status);
        Assert.Equal(0, NativeModule.Instance.CaughtExceptions);
        string reason = $"sample rate {rate.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} Hz is outside 8-384 kHz";
        string[] lines = TestPresetFolder.LogLines().Where(l => l.Contains(reason, StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.DoesNotContain("Arg_", l));
        Assert.DoesNotContain(TestPresetFolder.LogLines(), l => l.Contains(reason, StringComparison.Ordinal) && l.Contains("corrupt", StringComparison.Ordinal));
    }

    /// <summary>setupProcessing refuses rates no host uses (kInvalidArgument) and still takes a real one afterwards.</summary>
    [Fact]
    public void SetupProcessingRefusesRatesNoHostUses()
    {
        using var p = new PluginInstance();
        foreach (double rate in new[] { 1e-9, 0, -48000, 999, double.NaN, double.PositiveInfinity, 1e12 })
            Assert.NotEqual(0, p.Setup(rate));
        Assert.Equal(0, p.Setup(48000));
    }

    /// <summary>A log that has reached 1 MiB becomes plugin.log.1 (replacing the one before) and a new one starts with the next line.</summary>
    [Fact]
    public void TheLogIsRotatedAtOneMebibyte()
    {
        string old = TestPresetFolder.LogPath + ".1";
        string before = File.Exists(TestPresetFolder.LogPath) ? File.ReadAllText(TestPresetFolder.LogPath) : "";
        File.WriteAllText(old, "an older log\n");
        File.WriteAllText(TestPresetFolder.LogPath, before + new string('x', 1 << 20) + "\nthe end of a full log\n");
        using var p = new PluginInstance();
        p.Start(Rate, preset: TestPresetFolder.MissingOnnx);
        new Streamer(p).Feed(Voice(), 128);
        Assert.True(new FileInfo(TestPresetFolder.LogPath).Length < 64 * 1024, "the log was not started afresh");
        Assert.Contains($"preset '{TestPresetFolder.MissingOnnx}' cannot run", File.ReadAllText(TestPresetFolder.LogPath));
        string rotated = File.ReadAllText(old);
        Assert.Contains("the end of a full log", rotated);
        Assert.DoesNotContain("an older log", rotated);
    }

    /// <summary>
    /// pYIN -> live model -> user model -> pYIN while audio streams: each model loads off the audio thread and swaps in
    /// at a block start (Loading, then Model running), every note ends, and the process calls allocate nothing.
    /// </summary>
    [Fact]
    public void SwitchingPresetsDuringPlaybackLoadsOffTheAudioThreadAndLeavesNoNoteHanging()
    {
        NativeModule m = NativeModule.Instance;
        using var p = new PluginInstance();
        p.Start(Rate);
        var s = new Streamer(p);
        float[] voice = Voice();
        int position = 0;
        void Blocks(int count, Action<HostParameterChangeList>? first = null)
        {
            for (int i = 0; i < count; i++)
            {
                if (position + 128 > voice.Length) position = 0;
                s.Block(voice.AsSpan(position, 128), i == 0 ? first : null);
                position += 128;
            }
        }
        List<EngineStatus?> seen = [];
        void SwitchTo(string preset, EngineStatus settled)
        {
            Blocks(1, c => c.Add((uint)ParameterId.Engine, 64, Normalized(preset)));
            seen.Add(p.Status);
            // Keep streaming, faster than real time, until the loader has delivered; a block takes ~0.1 ms here.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (p.Status != settled && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                Blocks(1);
                Thread.Sleep(1);
            }
            Assert.Equal(settled, p.Status);
        }
        Blocks(3000);
        SwitchTo(TestPresetFolder.LiveModel, EngineStatus.ModelRunning);
        Assert.Equal(EngineStatus.Loading, seen[^1]);
        Blocks(3000);
        long before = m.AllocatedBytesForCurrentThread;
        int eventsBefore = s.Events.Count;
        SwitchTo(TestPresetFolder.UserModel, EngineStatus.ModelRunning);
        Blocks(3000);
        SwitchTo(PresetEntry.PyinName, EngineStatus.Pyin);
        Blocks(3000);
        long allocated = m.AllocatedBytesForCurrentThread - before;
        s.BypassOn();
        Assert.Equal(0, allocated);
        Assert.True(s.Events.Count - eventsBefore > 40, "the model and pYIN played too few notes");
        Streamer.AssertBalanced(s.Events);
        Assert.Equal(0, m.CaughtExceptions);
    }

    /// <summary>0 bytes allocated by process in steady state with the live model preset, at every Latency step, with parameter and Latency moves.</summary>
    [Theory]
    [MemberData(nameof(ProcessingTests.Steps), MemberType = typeof(ProcessingTests))]
    public void AModelPresetAllocatesNothingInProcess(int latencyMs) =>
        AllocationTests.AssertNativeProcessAllocatesNothing(latencyMs, TestPresetFolder.LiveModel);

    /// <summary>0 bytes allocated by process in steady state with the default preset (the f0 note model), at every Latency step, with parameter and Latency moves.</summary>
    [Theory]
    [MemberData(nameof(ProcessingTests.Steps), MemberType = typeof(ProcessingTests))]
    public void TheDefaultPresetAllocatesNothingInProcess(int latencyMs) =>
        AllocationTests.AssertNativeProcessAllocatesNothing(latencyMs, PresetCatalog.DefaultName);

    /// <summary>
    /// A new instance, given no state, starts on the default preset, the shipped f0 note model (above pYIN at every
    /// Latency step on both evaluation sets): it loads in the background while pYIN plays, then runs.
    /// </summary>
    [Fact]
    public void ANewInstanceStartsOnTheF0NoteModel()
    {
        int index = ProgramList.Catalog.IndexOf(PresetCatalog.DefaultName);
        Assert.True(index > 0, $"the shipped presets lack '{PresetCatalog.DefaultName}'");
        Assert.Equal(index, ProgramList.Catalog.DefaultIndex);
        using var p = new PluginInstance();
        p.Start(Rate);
        Assert.Equal(EngineStatus.ModelRunning, p.WaitForPreset());
        Assert.Equal(Parameters.All[(int)ParameterId.Engine].ToNormalized(index), p.GetParamNormalized((uint)ParameterId.Engine), 9);
        Assert.Equal((uint)Placement.LatencySteps.ToSamples(Placement.LatencySteps.DefaultMs, Rate), p.LatencySamples);   // no floor of its own: the default step stands
    }

    /// <summary>The state names the preset: a new instance loads it by name and content; one that is not installed falls back and is kept.</summary>
    [Fact]
    public void TheStateNamesItsPresetAndKeepsOneThatIsNotInstalled()
    {
        byte[] saved;
        using (var p = new PluginInstance())
        {
            p.Start(Rate, preset: TestPresetFolder.UserModel);
            saved = p.GetState();
        }
        using (var q = new PluginInstance())
        {
            PluginInstance.Check(q.SetState(saved), "setState");
            PluginInstance.Check(q.SetComponentState(saved), "setComponentState");
            q.Start(Rate);
            Assert.Equal(EngineStatus.ModelRunning, q.WaitForPreset());
            Assert.Equal(TestPresetFolder.UserModel, q.ParamString((uint)ParameterId.Engine, q.GetParamNormalized((uint)ParameterId.Engine)));
        }

        // The same state as saved on a machine that has a preset this one lacks.
        Assert.True(PluginState.TryReadProcessor(saved, out double[] values, out _));
        byte[] foreign = PluginState.WriteProcessor(values, new PluginState.PresetIdentity("Someone else's model", new string('a', 64)));
        using var r = new PluginInstance();
        PluginInstance.Check(r.SetState(foreign), "setState");
        r.Start(Rate);
        var s = new Streamer(r);
        s.Feed(Voice(), 128);
        s.BypassOn();
        Assert.Equal(EngineStatus.FallbackPresetNotFound, r.Status);
        Assert.True(s.Events.Count(e => e.IsNoteOn) >= 8, "pYIN did not take over");
        Assert.True(PluginState.TryReadProcessor(r.GetState(), out _, out PluginState.PresetIdentity? kept));
        Assert.Equal(new PluginState.PresetIdentity("Someone else's model", new string('a', 64)), kept);
        Assert.Contains("Someone else's model", File.ReadAllText(TestPresetFolder.LogPath));
    }

    /// <summary>
    /// Choosing the windowed preset raises the latency the processor reports to its floor at once, before any process
    /// call; the host is asked to re-read it from the UI thread afterwards, never inside the program change (Ardour 7.3
    /// deadlocks on restartComponent there). A step under the floor changes nothing the host compensates. The accurate
    /// preset then runs, its audio delayed by the same floor; back on pYIN the step rules again.
    /// </summary>
    [Fact]
    public void AWindowedPresetRaisesTheLatencyToItsFloorAndTellsTheHost()
    {
        using var p = new PluginInstance();
        var handler = new HostComponentHandler();
        try
        {
            Assert.Equal(Result.Ok, p.SetComponentHandler(handler.Pointer));
            p.Start(Rate, latencyMs: 60);
            Assert.Equal((uint)Placement.LatencySteps.ToSamples(60, Rate), p.LatencySamples);
            handler.OnRestart = flags => { _ = p.LatencySamples; };
            int floor = ProgramList.Catalog.Find(TestPresetFolder.AccurateModel)!.FloorMs;
            Assert.True(floor > 250, $"floor {floor} ms");
            Assert.Equal(Result.Ok, p.SetParamNormalized((uint)ParameterId.Engine, Normalized(TestPresetFolder.AccurateModel)));
            Assert.Empty(handler.Restarts);
            p.GetParamNormalized((uint)ParameterId.Engine);
            Assert.Equal([Vst.RestartLatencyChanged], handler.Restarts);
            Assert.Equal((uint)Placement.LatencySteps.ToSamples(floor, Rate), p.LatencySamples);
            // A step change under the floor changes nothing the host compensates; one above the floor would.
            Assert.Equal(Result.Ok, p.SetParamNormalized((uint)ParameterId.Latency, Parameters.All[(int)ParameterId.Latency].ToNormalized(Parameters.LatencyPlain(120))));
            p.GetParamNormalized((uint)ParameterId.Latency);
            Assert.Single(handler.Restarts);

            // The processor takes the preset from the controller's request, loads it and delays its audio by the floor.
            var s = new Streamer(p) { Speed = 8 };
            float[] click = new float[Rate];
            click[100] = 1;
            int firstNonZero = -1;
            long clickAt = long.MaxValue;
            s.AfterBlock = (start, frames, output) =>
            {
                int i = Array.FindIndex(output, x => x != 0);
                if (firstNonZero < 0 && i >= 0 && start >= clickAt) firstNonZero = (int)(start + i - clickAt);
            };
            s.FeedUntil(() => p.Status == EngineStatus.ModelRunning, new float[Rate], 128);
            Assert.Equal(EngineStatus.ModelRunning, p.Status);
            clickAt = s.Position;
            s.Feed(click, 128);
            s.Feed(new float[Rate], 128);
            Assert.Equal(100 + Placement.LatencySteps.ToSamples(floor, Rate), firstNonZero);

            Assert.Equal(Result.Ok, p.SetParamNormalized((uint)ParameterId.Engine, Normalized(PresetEntry.PyinName)));
            Assert.Single(handler.Restarts);
            p.GetParamNormalized((uint)ParameterId.Engine);
            Assert.Equal(2, handler.Restarts.Count);
            Assert.Equal((uint)Placement.LatencySteps.ToSamples(120, Rate), p.LatencySamples);
            Assert.Equal(0, handler.RestartsInsideHostCalls);
        }
        finally
        {
            p.SetComponentHandler(null);
            handler.ReleaseReference();
        }
    }

    /// <summary>
    /// Hosts call setState, setupProcessing and setActive on their UI thread: none of them waits for a model to load.
    /// The preset loads on the loader thread while pYIN plays (status Loading), and is taken at a block start.
    /// </summary>
    [Fact]
    public void HostCallsDoNotWaitForAModelToLoad()
    {
        using var p = new PluginInstance();
        p.Start(Rate, latencyMs: 60);
        double[] values = Parameters.DefaultPlainValues();
        values[(int)ParameterId.Engine] = ProgramList.Catalog.IndexOf(TestPresetFolder.LiveModel);
        PluginInstance.Check(p.SetProcessing(false), "setProcessing");
        PluginInstance.Check(p.SetActive(false), "setActive");
        PluginInstance.Check(p.SetState(PluginState.WriteProcessor(values)), "setState");
        PluginInstance.Check(p.Setup(Rate), "setupProcessing");
        PluginInstance.Check(p.SetActive(true), "setActive");
        PluginInstance.Check(p.SetProcessing(true), "setProcessing");
        // The model takes ONNX Runtime's session creation and a warm-up pass: far longer than these calls took.
        PluginInstance.Check(p.Process(0, null, null), "process");
        Assert.Equal(EngineStatus.Loading, p.Status);
        var s = new Streamer(p);
        s.Feed(Signals.Tone(64, 0.5, Rate), 128);
        Assert.Contains(s.Events, e => e.IsNoteOn && e.Pitch == 64);   // pYIN plays meanwhile
        Assert.Equal(EngineStatus.ModelRunning, p.WaitForPreset());
        s.BypassOn();
        Streamer.AssertBalanced(s.Events);
    }

    /// <summary>DESIGN.md section 2: the plugin's ONNX Runtime is the bundle's, found from the plugin's own path.</summary>
    [Fact]
    public void OnnxRuntimeIsLoadedFromTheBundle()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var p = new PluginInstance();
        p.Start(Rate, preset: TestPresetFolder.LiveModel);
        PluginInstance.Check(p.Process(0, null, null), "process");
        Assert.Equal(EngineStatus.ModelRunning, p.Status);
        string bundled = Path.Combine(Path.GetDirectoryName(BundleFixture.BinaryPath)!, "libonnxruntime.so");
        Assert.Contains(File.ReadAllLines("/proc/self/maps"), l => l.EndsWith(bundled, StringComparison.Ordinal));
    }
}
