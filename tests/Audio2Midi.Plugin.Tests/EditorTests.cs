using System.Runtime.InteropServices;
using System.Text;
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
public sealed unsafe partial class EditorTests
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
        var frame = new HostPlugFrame();
        nint display = X11.XOpenDisplay(0);
        Assert.NotEqual(0, display);
        nuint parent = X11.XCreateSimpleWindow(display, X11.XRootWindow(display, X11.XDefaultScreen(display)), 0, 0, 960, 540, 0, 0, 0);
        X11.XMapWindow(display, parent);
        X11.XSync(display, 0);
        void* view = null;
        try
        {
            Assert.Equal(Result.Ok, p.SetComponentHandler(handler.Pointer));
            p.Start(Rate, latencyMs: 60);
            view = CreateView(p);
            Assert.True(view != null, "createView(\"editor\") gave no view");
            Assert.Equal(Result.True, IsPlatformTypeSupported(view, "X11EmbedWindowID"));
            Assert.Equal(Result.False, IsPlatformTypeSupported(view, "HWND"));
            Assert.Equal(Result.Ok, Call(view, 12, frame.Pointer));   // setFrame
            Assert.Equal(Result.Ok, Attached(view, parent));
            Assert.Equal(1, frame.TimerCount);
            Assert.Equal(1, frame.HandlerCount);

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
                if (s.Blocks % 30 == 0) frame.FireTimers();
            }
            frame.FireTimers();
            Assert.Equal(0, allocated);
            Assert.Equal(Melody.Length, s.Events.Count(e => e.IsNoteOn));

            // Each note's bar is where it was sung, on a row: rows go up a semitone at a time.
            uint noteColor = Rgb(EditorRenderer.NoteColor);
            var layout = new EditorLayout(EditorLayout.DefaultWidth, EditorLayout.DefaultHeight, 1);
            nint image = X11.XGetImage(display, parent, 0, 0, 960, 540, nuint.MaxValue, X11.ZPixmap);
            Assert.NotEqual(0, image);
            var rows = new List<(double Pitch, double Y)>();
            try
            {
                long now = s.Position;
                for (int i = 0; i < Melody.Length; i++)
                {
                    long mid = sungFrom + (long)((0.1 + 0.45 * i + 0.2) * Rate);
                    int x = (int)layout.X(mid, now, Rate);
                    var ys = Enumerable.Range((int)layout.Roll.Top, (int)(layout.Roll.Bottom - layout.Roll.Top))
                        .Where(y => (uint)X11.XGetPixel(image, x, y) == noteColor).ToList();
                    Assert.True(ys.Count > 0, $"no note bar at x {x} for note {i} ({Melody[i]})");
                    rows.Add((Melody[i], ys.Average()));
                }
            }
            finally { X11.XDestroyImage(image); }
            double semitone = (rows.First(r => r.Pitch == 60).Y - rows.First(r => r.Pitch == 72).Y) / 12;
            Assert.True(semitone > 4, $"{semitone:0.0} px a semitone");
            foreach ((double pitch, double y) in rows)
                Assert.InRange(y, rows[0].Y - (pitch - 60) * semitone - 2, rows[0].Y - (pitch - 60) * semitone + 2);

            // A click on a preset row: the host records the edit, the processor loads the preset.
            int target = ProgramList.Catalog.IndexOf(TestPresetFolder.ShippedLive);
            (float top, float bottom) = layout.PresetRowSpan(target);
            SendClick(display, ChildOf(display, parent), 40, (int)((top + bottom) / 2));
            frame.FireHandlers();
            double expected = Parameters.All[(int)ParameterId.Engine].ToNormalized(target);
            Assert.Contains(handler.Edits, e => e.Id == (uint)ParameterId.Engine && Math.Abs(e.Value - expected) < 1e-9);
            Assert.Equal(TestPresetFolder.ShippedLive, p.ParamString((uint)ParameterId.Engine, p.GetParamNormalized((uint)ParameterId.Engine)));
            s.Block(new float[128], c => c.Add((uint)ParameterId.Engine, 0, expected));   // the host's edit reaches process
            Assert.Equal(EngineStatus.ModelRunning, p.WaitForPreset());

            // Resizing: the host's size is taken, kept above the minimum.
            var rect = new ViewRect { Right = 1200, Bottom = 700 };
            Assert.Equal(Result.Ok, Call(view, 10, &rect));   // onSize
            var got = new ViewRect();
            Assert.Equal(Result.Ok, Call(view, 9, &got));     // getSize
            Assert.Equal((1200, 700), (got.Width, got.Height));
            var small = new ViewRect { Right = 100, Bottom = 100 };
            Assert.Equal(Result.Ok, Call(view, 14, &small));   // checkSizeConstraint
            Assert.Equal((EditorLayout.MinWidth, EditorLayout.MinHeight), (small.Width, small.Height));

            Assert.Equal(Result.Ok, Call(view, 5, null));      // removed
            Assert.Equal(0, frame.TimerCount);
            Assert.Equal(0, frame.HandlerCount);
            s.BypassOn();
            Streamer.AssertBalanced(s.Events);
        }
        finally
        {
            if (view != null) NativeModule.Release(view);
            p.SetComponentHandler(null);
            handler.ReleaseReference();
            frame.ReleaseReference();
            X11.XDestroyWindow(display, parent);
            X11.XCloseDisplay(display);
        }
    }

    /// <summary>Open and close the window 100 times while audio runs: no crash, nothing left registered, no growth.</summary>
    [SkippableFact]
    public void OpeningAndClosingAHundredTimesWhileAudioRunsLeavesNothingBehind()
    {
        XvfbDisplay.Require();
        using var p = new PluginInstance();
        nint display = X11.XOpenDisplay(0);
        nuint parent = X11.XCreateSimpleWindow(display, X11.XRootWindow(display, X11.XDefaultScreen(display)), 0, 0, 960, 540, 0, 0, 0);
        X11.XMapWindow(display, parent);
        X11.XSync(display, 0);
        var frame = new HostPlugFrame();
        try
        {
            p.Start(Rate, latencyMs: 60);
            var s = new Streamer(p);
            float[] voice = Signals.Melody(Rate, 60, 62, 64);
            long rssAfter10 = 0;
            for (int i = 0; i < 100; i++)
            {
                void* view = CreateView(p);
                Assert.Equal(Result.Ok, Call(view, 12, frame.Pointer));
                Assert.Equal(Result.Ok, Attached(view, parent));
                s.Feed(voice.AsSpan(0, 128 * 20), 128);
                frame.FireTimers();
                if (i % 7 == 0)   // now and then a preset load is in flight when the window closes
                    s.Block(new float[128], c => c.Add((uint)ParameterId.Engine, 0, Parameters.All[(int)ParameterId.Engine].ToNormalized(i % 2 == 0 ? ProgramList.Catalog.IndexOf(TestPresetFolder.ShippedLive) : 0)));
                Assert.Equal(Result.Ok, Call(view, 5, null));
                Assert.Equal(Result.Ok, Call(view, 12, null));
                Assert.Equal(0u, NativeModule.Release(view));
                Assert.Equal(0, frame.TimerCount);
                Assert.Equal(0, frame.HandlerCount);
                if (i == 10) rssAfter10 = Rss();
            }
            long growth = Rss() - rssAfter10;
            Assert.True(growth < 40L << 20, $"resident memory grew {growth >> 20} MiB over 90 openings");
        }
        finally
        {
            frame.ReleaseReference();
            X11.XDestroyWindow(display, parent);
            X11.XCloseDisplay(display);
        }
    }

    private static long Rss() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;

    private static uint Rgb(SkiaSharp.SKColor c) => ((uint)c.Red << 16) | ((uint)c.Green << 8) | c.Blue;

    private static int Call(void* obj, int slot, void* arg) => ((delegate* unmanaged<void*, void*, int>)NativeModule.Slot(obj, slot))(obj, arg);

    private static void* CreateView(PluginInstance p)
    {
        fixed (byte* name = "editor\0"u8)
            return ((delegate* unmanaged<void*, byte*, void*>)NativeModule.Slot(p.Controller, 17))(p.Controller, name);
    }

    private static int IsPlatformTypeSupported(void* view, string type)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(type + "\0");
        fixed (byte* t = bytes) return ((delegate* unmanaged<void*, byte*, int>)NativeModule.Slot(view, 3))(view, t);
    }

    private static int Attached(void* view, nuint parent)
    {
        fixed (byte* t = "X11EmbedWindowID\0"u8)
            return ((delegate* unmanaged<void*, void*, byte*, int>)NativeModule.Slot(view, 4))(view, (void*)parent, t);
    }

    private static nuint ChildOf(nint display, nuint window)
    {
        Assert.NotEqual(0, XQueryTree(display, window, out _, out _, out nint children, out uint count));
        Assert.Equal(1u, count);
        nuint child = *(nuint*)children;
        XFree(children);
        return child;
    }

    private static void SendClick(nint display, nuint window, int x, int y)
    {
        byte* e = stackalloc byte[X11.EventSize];
        new Span<byte>(e, X11.EventSize).Clear();
        *(int*)e = X11.ButtonPress;
        *(nuint*)(e + 32) = window;
        *(int*)(e + X11.ButtonX) = x;
        *(int*)(e + X11.ButtonY) = y;
        *(uint*)(e + X11.ButtonNumber) = 1;
        Assert.NotEqual(0, X11.XSendEvent(display, window, 0, (nint)X11.ButtonPressMask, e));
        X11.XSync(display, 0);
    }

    [LibraryImport("libX11.so.6")]
    private static partial int XQueryTree(nint display, nuint window, out nuint root, out nuint parent, out nint children, out uint count);

    [LibraryImport("libX11.so.6")]
    private static partial int XFree(nint data);
}
