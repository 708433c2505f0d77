using System.Diagnostics;
using Audio2Midi.Plugin.Editor;
using Audio2Midi.Plugin.Interop;
using Audio2Midi.Plugin.Tests.Host;
using SkiaSharp;

namespace Audio2Midi.PluginSoak;

/// <summary>
/// The plugin's window in Steinberg's own reference host: the VST3 SDK's editorhost (built by the user from the public
/// vst3sdk; it is not in this repository) opens the bundle's editor twice (--secondWindow) with a component handler,
/// on an X server; after a few seconds the screen is captured and the window's colours counted. Passes when the host
/// is still running (it exits on any embedding error) and both the preset panel and the selected preset's highlight
/// are on screen.
/// </summary>
internal static unsafe class SdkEditorHostCheck
{
    public static int Run(string editorhost, double seconds, string? png)
    {
        if (!File.Exists(editorhost)) throw new ArgumentException($"{editorhost}: no such file (build the vst3sdk's editorhost target)");
        string user = Directory.CreateTempSubdirectory("a2m-editorhost-presets-").FullName;
        ProcessEnvironment.Set(Presets.PresetFolders.OverrideVariable, user);   // the shipped presets only, as a new user has
        try { XvfbDisplay.Require(); }
        catch (Exception e) when (e.GetType().Name == "SkipException") { throw new ArgumentException(e.Message); }
        _ = BundleFixture.BinaryPath;   // publishes the bundle if needed
        string bundle = BundleFixture.BundlePath;

        // The editorhost looks up _XEMBED_INFO without creating it (a desktop session always has it); on a bare server
        // this connection creates it and stays open so the server keeps it.
        nint display = X11.XOpenDisplay(0);
        if (display == 0) throw new ArgumentException("cannot open the X display");
        X11.XInternAtom(display, "_XEMBED_INFO", 0);
        X11.XInternAtom(display, "_XEMBED", 0);
        X11.XSync(display, 0);

        var psi = new ProcessStartInfo(editorhost) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "--componentHandler", "--secondWindow", bundle }) psi.ArgumentList.Add(a);
        using Process host = Process.Start(psi) ?? throw new ArgumentException($"{editorhost}: could not start");
        Task<string> stdout = host.StandardOutput.ReadToEndAsync(), stderr = host.StandardError.ReadToEndAsync();
        bool exited = host.WaitForExit(TimeSpan.FromSeconds(seconds));

        int screen = X11.XDefaultScreen(display);
        nuint root = X11.XRootWindow(display, screen);
        int width = X11.XDisplayWidth(display, screen), height = X11.XDisplayHeight(display, screen);
        nint image = X11.XGetImage(display, root, 0, 0, (uint)width, (uint)height, nuint.MaxValue, X11.ZPixmap);
        byte* data = *(byte**)(image + X11.ImageData);
        int stride = *(int*)(image + X11.ImageBytesPerLine);
        var counts = new Dictionary<string, int> { ["panel"] = 0, ["selected preset"] = 0, ["background"] = 0 };
        using var bitmap = new SKBitmap(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque);
        for (int y = 0; y < height; y++)
        {
            uint* row = (uint*)(data + (long)y * stride);
            for (int x = 0; x < width; x++)
            {
                uint rgb = row[x] & 0xFFFFFF;
                if (rgb == EditorHost.Rgb(EditorRenderer.Panel)) counts["panel"]++;
                else if (rgb == EditorHost.Rgb(EditorRenderer.Selected)) counts["selected preset"]++;
                else if (rgb == EditorHost.Rgb(EditorRenderer.Background)) counts["background"]++;
                if (png is not null) bitmap.SetPixel(x, y, new SKColor(rgb | 0xFF000000));
            }
        }
        X11.XDestroyImage(image);
        if (!exited) host.Kill(true);
        host.WaitForExit();
        X11.XCloseDisplay(display);

        bool ok = !exited && counts["panel"] > 50_000 && counts["selected preset"] > 5_000;
        Console.WriteLine($"# VST3 SDK editorhost ({editorhost}) --componentHandler --secondWindow {Path.GetFileName(bundle)}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine(exited ? $"editorhost EXITED after less than {seconds:0} s with {host.ExitCode}" : $"editorhost still running after {seconds:0} s (closed by this check)");
        Console.WriteLine($"screen {width}x{height}: " + string.Join(", ", counts.Select(c => $"{c.Key} {c.Value} px")));
        string said = (stdout.Result + stderr.Result).Trim();
        if (said.Length > 0) Console.WriteLine("editorhost said: " + said.Replace('\n', ' '));
        if (png is not null)
        {
            using SKData encoded = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(png, encoded.ToArray());
            Console.WriteLine($"saved {png}");
        }
        Console.WriteLine(ok ? "PASS: the window is embedded and drawn" : "FAIL");
        return ok ? 0 : 1;
    }
}
