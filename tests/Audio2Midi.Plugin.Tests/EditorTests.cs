using Audio2Midi.Plugin.Editor;
using Audio2Midi.Plugin.Interop;
using Audio2Midi.Plugin.Tests.Host;

namespace Audio2Midi.Plugin.Tests;

/// <summary>
/// The plugin's window through the native bundle on an X server (Xvfb): a test host opens the editor in a window of
/// its own, gives it a run loop, streams a sung melody and captures the window. The piano roll shows the melody's
/// notes at their pitches, a click on a preset sends performEdit and the model loads, resizing works, and the audio
/// thread allocates nothing with the window open.
/// </summary>
[Collection(PluginCollection.Name)]
public sealed unsafe class EditorTests
{
    private const int Rate = 48000;
    private static readonly double[] Melody = [60, 64, 67, 72, 67, 64, 60];

    [SkippableFact]
    public void TheWindowShowsTheSungNotesAndAClickPicksAPreset()
    {
        XvfbDisplay.Require();
        NativeModule m = NativeModule.Instance;
        using var p = new PluginInstance();
        var handler = new HostComponentHandler();
        try
        {
            using var editor = new EditorHost(p);
            Assert.Equal(Result.Ok, p.SetComponentHandler(handler.Pointer));
            p.Start(Rate, latencyMs: 60);
            Assert.Equal(Result.Ok, editor.Open());
            Assert.Equal(Result.True, editor.IsPlatformTypeSupported("X11EmbedWindowID"));
            Assert.Equal(Result.False, editor.IsPlatformTypeSupported("HWND"));
            Assert.Equal(1, editor.Frame.TimerCount);
            Assert.Equal(1, editor.Frame.HandlerCount);
            // XEmbed info as VSTGUI sets it (version 1, not asking to be mapped): the SDK's editorhost exits without it.
            Assert.Equal((1UL, 0UL), editor.XEmbedInfo());

            // Sing, with the host's UI thread repainting now and then; the audio thread allocates nothing meanwhile.
            var s = new Streamer(p);
            float[] voice = Signals.Concat(Signals.Melody(Rate, Melody), Signals.Silence(0.4, Rate));
            s.Feed(new float[Rate / 2], 128);
            long allocated = 0;
            long sungFrom = s.Position;
            for (int at = 0; at < voice.Length; at += 128)
            {
                long b = m.AllocatedBytesForCurrentThread;   // the process call alone: the repaint below is the UI thread's
                s.Block(voice.AsSpan(at, Math.Min(128, voice.Length - at)));
                allocated += m.AllocatedBytesForCurrentThread - b;
                if (s.Blocks % 30 == 0) editor.Frame.FireTimers();
            }
            editor.Frame.FireTimers();
            Assert.Equal(0, allocated);
            Assert.Equal(Melody.Length, s.Events.Count(e => e.IsNoteOn));

            // Each note's bar is where it was sung, on a row: rows go up a semitone at a time.
            uint noteColor = EditorHost.Rgb(EditorRenderer.NoteColor);
            var layout = new EditorLayout(EditorLayout.DefaultWidth, EditorLayout.DefaultHeight, 1);
            uint[] pixels = editor.Capture();
            var rows = new List<(double Pitch, double Y)>();
            long now = s.Position;
            for (int i = 0; i < Melody.Length; i++)
            {
                long mid = sungFrom + (long)((0.1 + 0.45 * i + 0.2) * Rate);
                int x = (int)layout.X(mid, now, Rate);
                var ys = Enumerable.Range((int)layout.Roll.Top, (int)(layout.Roll.Bottom - layout.Roll.Top))
                    .Where(y => pixels[y * EditorHost.Width + x] == noteColor).ToList();
                Assert.True(ys.Count > 0, $"no note bar at x {x} for note {i} ({Melody[i]})");
                rows.Add((Melody[i], ys.Average()));
            }
            double semitone = (rows.First(r => r.Pitch == 60).Y - rows.First(r => r.Pitch == 72).Y) / 12;
            Assert.True(semitone > 4, $"{semitone:0.0} px a semitone");
            foreach ((double pitch, double y) in rows)
                Assert.InRange(y, rows[0].Y - (pitch - 60) * semitone - 2, rows[0].Y - (pitch - 60) * semitone + 2);

            // A click on a preset row: the host records the edit, the processor loads the preset.
            int target = ProgramList.Catalog.IndexOf(TestPresetFolder.LiveModel);
            (float top, float bottom) = layout.PresetRowSpan(target);
            editor.Click(40, (int)((top + bottom) / 2));
            double expected = Parameters.All[(int)ParameterId.Engine].ToNormalized(target);
            Assert.Contains(handler.Edits, e => e.Id == (uint)ParameterId.Engine && Math.Abs(e.Value - expected) < 1e-9);
            Assert.Equal(TestPresetFolder.LiveModel, p.ParamString((uint)ParameterId.Engine, p.GetParamNormalized((uint)ParameterId.Engine)));
            s.Block(new float[128], c => c.Add((uint)ParameterId.Engine, 0, expected));   // the host's edit reaches process
            Assert.Equal(EngineStatus.ModelRunning, p.WaitForPreset());

            // The Latency step buttons and the controls strip: a click on "250", the wheel up over Transpose. Where they
            // are comes from the same drawing in this process (same SkiaSharp, same fonts).
            var areas = new EditorRenderer();
            using (var bitmap = new SkiaSharp.SKBitmap(layout.Width, layout.Height))
            using (var canvas = new SkiaSharp.SKCanvas(bitmap))
                areas.Render(canvas, layout, EditorStateBuilder.From(Parameters.All.Select(d => p.GetParamNormalized((uint)d.Id)).ToArray()), new EditorHistory());
            SkiaSharp.SKRect step250 = areas.StepAreas.Single(a => a.Ms == 250).Area;
            editor.Click((int)step250.MidX, (int)step250.MidY);
            double norm250 = Parameters.All[(int)ParameterId.Latency].ToNormalized(Parameters.LatencyPlain(250));
            Assert.Contains(handler.Edits, e => e.Id == (uint)ParameterId.Latency && Math.Abs(e.Value - norm250) < 1e-9);
            Assert.Equal((uint)Placement.LatencySteps.ToSamples(250, Rate), p.LatencySamples);
            SkiaSharp.SKRect transpose = areas.ControlAreas.Single(a => a.Id == ParameterId.Transpose).Area;
            double before0 = p.GetParamNormalized((uint)ParameterId.Transpose);
            editor.Click((int)transpose.MidX, (int)transpose.MidY, button: 4);
            double up = p.GetParamNormalized((uint)ParameterId.Transpose);
            Assert.Equal(before0 + 1.0 / Parameters.All[(int)ParameterId.Transpose].StepCount, up, 9);
            Assert.Contains(handler.Edits, e => e.Id == (uint)ParameterId.Transpose && Math.Abs(e.Value - up) < 1e-9);

            // Host automation shows: Transpose set by the host repaints its control, set back it looks as before; a
            // preset recall by the host moves the highlight.
            uint[] Region(uint[] px, SkiaSharp.SKRect r) =>
                Enumerable.Range((int)r.Top, (int)r.Height).SelectMany(y => Enumerable.Range((int)r.Left, (int)r.Width).Select(x => px[y * EditorHost.Width + x])).ToArray();
            editor.Frame.FireTimers();
            uint[] shown = Region(editor.Capture(), transpose);
            Assert.Equal(Result.Ok, p.SetParamNormalized((uint)ParameterId.Transpose, Parameters.All[(int)ParameterId.Transpose].ToNormalized(-12)));
            editor.Frame.FireTimers();
            Assert.NotEqual(shown, Region(editor.Capture(), transpose));
            Assert.Equal(Result.Ok, p.SetParamNormalized((uint)ParameterId.Transpose, up));
            editor.Frame.FireTimers();
            Assert.Equal(shown, Region(editor.Capture(), transpose));
            uint selected = EditorHost.Rgb(EditorRenderer.Selected);
            int SelectedIn(uint[] px, int row)
            {
                (float t, float b) = layout.PresetRowSpan(row);
                return Region(px, new SkiaSharp.SKRect(0, t, layout.ListWidth, b)).Count(c => c == selected);
            }
            Assert.True(SelectedIn(editor.Capture(), target) > 1000, "the selected preset is not highlighted");
            Assert.Equal(Result.Ok, p.SetParamNormalized((uint)ParameterId.Engine, 0));   // the host recalls pYIN
            editor.Frame.FireTimers();
            uint[] recalled = editor.Capture();
            Assert.True(SelectedIn(recalled, 0) > 1000, "the recalled preset is not highlighted");
            Assert.Equal(0, SelectedIn(recalled, target));
            Assert.Equal(Result.Ok, p.SetParamNormalized((uint)ParameterId.Engine, expected));
            // "Open presets folder": the user's folder is handed to the system's file manager (or the log says why not).
            editor.Click((int)areas.FolderButton.MidX, (int)areas.FolderButton.MidY);
            Assert.Contains(TestPresetFolder.LogLines(), l => l.Contains("presets folder " + TestPresetFolder.Folder, StringComparison.Ordinal));
            areas.Dispose();

            // Resizing: the host's size is taken, kept above the minimum.
            var rect = new ViewRect { Right = 1200, Bottom = 700 };
            Assert.Equal(Result.Ok, editor.Call(10, &rect));   // onSize
            var got = new ViewRect();
            Assert.Equal(Result.Ok, editor.Call(9, &got));     // getSize
            Assert.Equal((1200, 700), (got.Width, got.Height));
            var small = new ViewRect { Right = 100, Bottom = 100 };
            Assert.Equal(Result.Ok, editor.Call(14, &small));   // checkSizeConstraint
            Assert.Equal((EditorLayout.MinWidth, EditorLayout.MinHeight), (small.Width, small.Height));

            // HiDPI: a content scale of 2 doubles the window, which asks the host to resize.
            void* scale = NativeModule.Instance.QueryInterface(editor.View, Iids.IPlugViewContentScaleSupport);
            Assert.True(scale != null, "no IPlugViewContentScaleSupport");
            Assert.Equal(Result.True, ((delegate* unmanaged<void*, float, int>)NativeModule.Slot(scale, 3))(scale, 2f));
            NativeModule.Release(scale);
            Assert.Equal(Result.Ok, editor.Call(9, &got));
            Assert.Equal((2400, 1400), (got.Width, got.Height));
            Assert.Contains((2400, 1400), editor.Frame.ResizeRequests);
            editor.Frame.FireTimers();

            Assert.Equal(0u, editor.Close());
            Assert.Equal(0, editor.Frame.TimerCount);
            Assert.Equal(0, editor.Frame.HandlerCount);
            s.BypassOn();
            Streamer.AssertBalanced(s.Events);
        }
        finally
        {
            p.SetComponentHandler(null);
            handler.ReleaseReference();
        }
    }

    /// <summary>
    /// "Rescan" in the window: a model installed after the plugin loaded appears in every instance's menu, at the end,
    /// each host is told (program list, parameter range and values), the preset each instance had stays selected, and
    /// the new preset loads when picked. A second rescan with nothing new tells nobody anything.
    /// </summary>
    [SkippableFact]
    public void RescanListsANewlyInstalledPresetInEveryInstance()
    {
        XvfbDisplay.Require();
        using var p = new PluginInstance();
        using var other = new PluginInstance();
        var handler = new HostComponentHandler();
        var otherHandler = new HostComponentHandler();
        try
        {
            using var editor = new EditorHost(p);
            Assert.Equal(Result.Ok, p.SetComponentHandler(handler.Pointer));
            Assert.Equal(Result.Ok, other.SetComponentHandler(otherHandler.Pointer));
            p.Start(Rate, latencyMs: 60);
            PluginInstance.Check(p.ProgramListInfo(0, out ProgramListInfo before), "getProgramListInfo");
            int live = ProgramList.Catalog.IndexOf(TestPresetFolder.LiveModel);
            double liveNorm = Parameters.All[(int)ParameterId.Engine].ToNormalized(live);
            Assert.Equal(Result.Ok, p.SetParamNormalized((uint)ParameterId.Engine, liveNorm));
            Assert.Equal(Result.Ok, other.SetParamNormalized((uint)ParameterId.Engine, liveNorm));
            Assert.Equal(Result.Ok, editor.Open());
            editor.Frame.FireTimers();

            // Installed while the plugin runs, as `a2m export --install` does: a copy of the shipped live model.
            const string name = "Test rescanned model";
            TestPresetFolder.InstallLiveCopy("rescanned", name);

            var layout = new EditorLayout(EditorLayout.DefaultWidth, EditorLayout.DefaultHeight, 1);
            var areas = new EditorRenderer();
            using (var bitmap = new SkiaSharp.SKBitmap(layout.Width, layout.Height))
            using (var canvas = new SkiaSharp.SKCanvas(bitmap))
                areas.Render(canvas, layout, EditorStateBuilder.From(Parameters.All.Select(d => p.GetParamNormalized((uint)d.Id)).ToArray()), new EditorHistory());
            SkiaSharp.SKRect rescan = areas.RescanButton;
            areas.Dispose();
            int restartsBefore = handler.Restarts.Count;
            // The status line answers each press ("Rescan: 1 new preset", then "Rescan: no new presets").
            uint[] StatusLine() => editor.Capture().Skip((EditorLayout.DefaultHeight - 30) * EditorHost.Width).Take(22 * EditorHost.Width)
                .Where((_, i) => i % EditorHost.Width < (int)layout.ListWidth).ToArray();
            uint[] statusBefore = StatusLine();
            editor.Click((int)rescan.MidX, (int)rescan.MidY);
            editor.Frame.FireTimers();
            uint[] statusAdded = StatusLine();
            Assert.NotEqual(statusBefore, statusAdded);

            const int told = Vst.RestartParamTitlesChanged | Vst.RestartParamValuesChanged | Vst.RestartMidiCCAssignmentChanged;
            foreach ((PluginInstance instance, HostComponentHandler h) in new[] { (p, handler), (other, otherHandler) })
            {
                PluginInstance.Check(instance.ProgramListInfo(0, out ProgramListInfo after), "getProgramListInfo");
                Assert.Equal(before.ProgramCount + 1, after.ProgramCount);
                Assert.Equal(name, instance.ProgramName(ProgramList.Id, after.ProgramCount - 1));
                Assert.Equal(after.ProgramCount - 1, instance.ParameterInfo((int)ParameterId.Engine).StepCount);
                Assert.Contains(told, h.Restarts);
                Assert.Contains((ProgramList.Id, Vst.AllProgramsInvalid), h.ProgramListChanges);
                // The same preset is still the selected one, under the new range.
                Assert.Equal(TestPresetFolder.LiveModel, instance.ParamString((uint)ParameterId.Engine, instance.GetParamNormalized((uint)ParameterId.Engine)));
            }
            Assert.Equal(0, handler.RestartsInsideHostCalls);

            // This process's own menu (the tests' reference) reads the folder again too, and agrees.
            Assert.Equal(1, ProgramList.Rescan());
            Assert.Equal(name, ProgramList.Names[^1]);

            // Nothing new: nobody is told anything.
            int restarts = handler.Restarts.Count;
            editor.Click((int)rescan.MidX, (int)rescan.MidY);
            Assert.Equal(restarts, handler.Restarts.Count);
            editor.Frame.FireTimers();
            uint[] statusNothing = StatusLine();
            Assert.NotEqual(statusAdded, statusNothing);
            Assert.NotEqual(statusBefore, statusNothing);
            Assert.True(restarts > restartsBefore);

            // The new preset, picked in the window, loads.
            var s = new Streamer(p);
            s.Feed(new float[Rate / 10], 128);
            int index = ProgramList.Count - 1;
            (float top, float bottom) = layout.PresetRowSpan(index);
            editor.Click(40, (int)((top + bottom) / 2));
            double expected = Parameters.All[(int)ParameterId.Engine].ToNormalized(index);
            Assert.Contains(handler.Edits, e => e.Id == (uint)ParameterId.Engine && Math.Abs(e.Value - expected) < 1e-9);
            s.Block(new float[128], c => c.Add((uint)ParameterId.Engine, 0, expected));
            Assert.Equal(EngineStatus.ModelRunning, p.WaitForPreset());
            Assert.Equal(0u, editor.Close());
        }
        finally
        {
            p.SetComponentHandler(null);
            other.SetComponentHandler(null);
            handler.ReleaseReference();
            otherHandler.ReleaseReference();
        }
    }

    /// <summary>
    /// A host that resizes the window many times before its run loop runs again: the window settles on the last size
    /// (it once answered each stale ConfigureNotify with a resize of its own and ping-ponged for ever).
    /// </summary>
    [SkippableFact]
    public void AStormOfResizesSettlesOnTheLastSize()
    {
        XvfbDisplay.Require();
        var p = new PluginInstance();
        var editor = new EditorHost(p);
        Assert.Equal(Result.Ok, editor.Open());
        editor.Frame.FireTimers();
        // On a thread of its own here (the host's UI thread stands still meanwhile), so that a loop that never ends
        // fails the test, leaving that window and instance behind, instead of hanging the run.
        var storm = Task.Run(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                var rect = new ViewRect { Right = i % 2 == 0 ? 1000 : 1100, Bottom = i % 2 == 0 ? 600 : 650 };
                if (editor.Call(10, &rect) != Result.Ok) throw new InvalidOperationException("onSize failed");   // each repaints, and reads the X events that arrived
            }
            editor.Frame.FireHandlers();   // then the run loop delivers the rest
            editor.Frame.FireHandlers();
        });
        Assert.True(storm.Wait(TimeSpan.FromSeconds(20)), "the window's X events never ran out: it answers its own resizes");
        try
        {
            var got = new ViewRect();
            Assert.Equal(Result.Ok, editor.Call(9, &got));   // getSize
            Assert.Equal((1100, 650), (got.Width, got.Height));
            Assert.Equal((1100u, 650u), editor.WindowSize());
            editor.Frame.FireTimers();
            Assert.Equal(0u, editor.Close());
        }
        finally
        {
            editor.Dispose();
            p.Dispose();
        }
    }

    /// <summary>Open and close the window 100 times while audio runs: no crash, nothing left registered, no growth.</summary>
    [SkippableFact]
    public void OpeningAndClosingAHundredTimesWhileAudioRunsLeavesNothingBehind()
    {
        XvfbDisplay.Require();
        using var p = new PluginInstance();
        using var editor = new EditorHost(p);
        p.Start(Rate, latencyMs: 60);
        var s = new Streamer(p);
        float[] voice = Signals.Melody(Rate, 60, 62, 64);
        long rssAfter10 = 0;
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(Result.Ok, editor.Open());
            s.Feed(voice.AsSpan(0, 128 * 20), 128);
            editor.Frame.FireTimers();
            if (i % 7 == 0)   // now and then a preset load is in flight when the window closes
                s.Block(new float[128], c => c.Add((uint)ParameterId.Engine, 0, Parameters.All[(int)ParameterId.Engine].ToNormalized(i % 2 == 0 ? ProgramList.Catalog.IndexOf(TestPresetFolder.LiveModel) : 0)));
            Assert.Equal(0u, editor.Close());
            Assert.Equal(0, editor.Frame.TimerCount);
            Assert.Equal(0, editor.Frame.HandlerCount);
            if (i == 10) rssAfter10 = Rss();
        }
        long growth = Rss() - rssAfter10;
        Assert.True(growth < 40L << 20, $"resident memory grew {growth >> 20} MiB over 90 openings");
    }

    private static long Rss() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
}
