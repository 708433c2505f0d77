using Audio2Midi.IO;
using Audio2Midi.Plugin;
using Audio2Midi.Plugin.Tests.Host;
using Audio2Midi.TestCommon;
using SkiaSharp;

namespace Audio2Midi.PluginSoak;

/// <summary>
/// The plugin's window at 30 frames a second while a take plays in real time (issue 19: at most 5 % of one core on the
/// UI thread): the audio runs on a thread of its own, this thread is the host's UI thread and fires the run loop's
/// timer every 33 ms; its CPU time over the run is the window's cost. Optionally saves the window as a PNG at the end.
/// </summary>
internal static class EditorCost
{
    public static int Run(double seconds, string wav, string? png, string? preset)
    {
        // The window should list what a user has: the shipped presets and an empty user folder, not the tests' broken
        // ones. Set before anything reads the menu (the managed catalog and the native module both scan on first use).
        string user = Directory.CreateTempSubdirectory("a2m-editor-presets-").FullName;
        ProcessEnvironment.Set(Presets.PresetFolders.OverrideVariable, user);
        try { XvfbDisplay.Require(); }
        catch (Exception e) when (e.GetType().Name == "SkipException") { throw new ArgumentException(e.Message); }
        float[] take = WavFile.ReadMono(wav, out int rate);
        using var p = new PluginInstance();
        p.Start(rate, latencyMs: 60, preset: preset);
        PluginInstance.Check(p.SetComponentState(p.GetState()), "setComponentState");   // the controller shows what the processor runs, as after a host's load
        using var editor = new EditorHost(p);
        PluginInstance.Check(editor.Open(), "attached");

        bool stop = false;
        var audio = new Thread(() =>
        {
            var s = new Streamer(p) { Speed = 1, PacedRate = rate };
            for (int at = 0; !Volatile.Read(ref stop); at = (at + 128) % (take.Length - 128)) s.Block(take.AsSpan(at, 128));
        }) { Name = "test host audio" };
        audio.Start();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long cpu0 = MachineClock.ThreadCpuNanoseconds();
        int frames = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            editor.Frame.FireTimers();
            frames++;
            double next = frames / 30.0;
            double wait = next - clock.Elapsed.TotalSeconds;
            if (wait > 0) Thread.Sleep(TimeSpan.FromSeconds(wait));
        }
        long cpu = MachineClock.ThreadCpuNanoseconds() - cpu0;
        double wall = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref stop, true);
        audio.Join();
        double share = cpu / 1e9 / wall * 100;
        Console.WriteLine($"# plugin window: {frames} repaints in {wall:0.0} s ({frames / wall:0.0} a second) of {Path.GetFileName(wav)} at {rate} Hz; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
        Console.WriteLine($"UI thread CPU: {cpu / 1e6:0} ms = {share:0.00} % of one core ({cpu / 1e6 / frames:0.00} ms a repaint); target <= 5 %: {(share <= 5 ? "met" : "NOT MET")}");
        if (png is not null)
        {
            uint[] pixels = editor.Capture();
            using var bitmap = new SKBitmap(EditorHost.Width, EditorHost.Height, SKColorType.Bgra8888, SKAlphaType.Opaque);
            for (int y = 0; y < EditorHost.Height; y++)
                for (int x = 0; x < EditorHost.Width; x++) bitmap.SetPixel(x, y, new SKColor(pixels[y * EditorHost.Width + x] | 0xFF000000));
            using SKData data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(png, data.ToArray());
            Console.WriteLine($"saved {png}");
        }
        return share <= 5 ? 0 : 1;
    }
}
