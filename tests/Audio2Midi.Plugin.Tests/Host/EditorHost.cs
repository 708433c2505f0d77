using System.Runtime.InteropServices;
using System.Text;
using Audio2Midi.Plugin.Interop;

namespace Audio2Midi.Plugin.Tests.Host;

/// <summary>
/// What a Linux host does with the plugin's window: a top-level X11 window of its own, createView("editor"), setFrame
/// with an IPlugFrame that carries the run loop (<see cref="HostPlugFrame"/>), attached into the window; then it fires
/// the run loop (repaints, X events), clicks, captures pixels, resizes, and removes the view. Needs an X server
/// (<see cref="XvfbDisplay"/>).
/// </summary>
internal sealed unsafe partial class EditorHost : IDisposable
{
    public const int Width = 960, Height = 540;

    private readonly PluginInstance _plugin;
    private readonly nint _display;
    private readonly nuint _parent;
    private void* _view;

    public HostPlugFrame Frame { get; } = new();

    public EditorHost(PluginInstance plugin)
    {
        _plugin = plugin;
        _display = X11.XOpenDisplay(0);
        if (_display == 0) throw new InvalidOperationException($"cannot open X display '{Environment.GetEnvironmentVariable("DISPLAY")}'");
        _parent = X11.XCreateSimpleWindow(_display, X11.XRootWindow(_display, X11.XDefaultScreen(_display)), 0, 0, Width, Height, 0, 0, 0);
        X11.XMapWindow(_display, _parent);
        X11.XSync(_display, 0);
    }

    public void* View => _view;

    /// <summary>createView("editor"), setFrame, attached: the result of attached (null view: InvalidOperationException).</summary>
    public int Open()
    {
        fixed (byte* name = "editor\0"u8)
            _view = ((delegate* unmanaged<void*, byte*, void*>)NativeModule.Slot(_plugin.Controller, 17))(_plugin.Controller, name);
        if (_view == null) throw new InvalidOperationException("createView(\"editor\") gave no view");
        PluginInstance.Check(Call(12, Frame.Pointer), "setFrame");
        fixed (byte* t = "X11EmbedWindowID\0"u8)
            return ((delegate* unmanaged<void*, void*, byte*, int>)NativeModule.Slot(_view, 4))(_view, (void*)_parent, t);
    }

    /// <summary>removed, setFrame(null), release; returns the view's remaining reference count (0: gone).</summary>
    public uint Close()
    {
        if (_view == null) return 0;
        PluginInstance.Check(Call(5, null), "removed");
        PluginInstance.Check(Call(12, null), "setFrame(null)");
        uint left = NativeModule.Release(_view);
        _view = null;
        return left;
    }

    public int IsPlatformTypeSupported(string type)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(type + "\0");
        fixed (byte* t = bytes) return ((delegate* unmanaged<void*, byte*, int>)NativeModule.Slot(_view, 3))(_view, t);
    }

    public int Call(int slot, void* arg) => ((delegate* unmanaged<void*, void*, int>)NativeModule.Slot(_view, slot))(_view, arg);

    /// <summary>A colour as <see cref="Capture"/> gives pixels: 0xRRGGBB.</summary>
    public static uint Rgb(SkiaSharp.SKColor c) => ((uint)c.Red << 16) | ((uint)c.Green << 8) | c.Blue;

    /// <summary>The window's pixels now, as 0xRRGGBB per pixel, row after row.</summary>
    public uint[] Capture()
    {
        X11.XSync(_display, 0);
        nint image = X11.XGetImage(_display, _parent, 0, 0, Width, Height, nuint.MaxValue, X11.ZPixmap);
        if (image == 0) throw new InvalidOperationException("XGetImage failed");
        try
        {
            var pixels = new uint[Width * Height];
            for (int y = 0; y < Height; y++)
                for (int x = 0; x < Width; x++) pixels[y * Width + x] = (uint)X11.XGetPixel(image, x, y) & 0xFFFFFF;
            return pixels;
        }
        finally { X11.XDestroyImage(image); }
    }

    /// <summary>The plugin's window: the one child of ours.</summary>
    private nuint Child()
    {
        Assert.NotEqual(0, XQueryTree(_display, _parent, out _, out _, out nint children, out uint count));
        Assert.Equal(1u, count);
        nuint child = *(nuint*)children;
        XFree(children);
        return child;
    }

    /// <summary>The plugin window's size as the X server has it.</summary>
    public (uint Width, uint Height) WindowSize()
    {
        X11.XSync(_display, 0);
        Assert.NotEqual(0, XGetGeometry(_display, Child(), out _, out _, out _, out uint width, out uint height, out _, out _));
        return (width, height);
    }

    /// <summary>The plugin window's _XEMBED_INFO property (version, flags), or null if it has none.</summary>
    public (ulong Version, ulong Flags)? XEmbedInfo()
    {
        nuint atom = X11.XInternAtom(_display, "_XEMBED_INFO", 0);
        Assert.Equal(0, XGetWindowProperty(_display, Child(), atom, 0, 2, 0, atom, out nuint type, out int format, out nuint items, out _, out nint data));
        try
        {
            if (type != atom || format != 32 || items != 2) return null;
            return (*(ulong*)data, *((ulong*)data + 1));   // format 32 comes back as C longs
        }
        finally
        {
            if (data != 0) XFree(data);
        }
    }

    /// <summary>A button press at (x, y) in the plugin's window (1: left click, 4 / 5: wheel up / down), sent through the X server.</summary>
    public void Click(int x, int y, uint button = 1)
    {
        nuint child = Child();
        byte* e = stackalloc byte[X11.EventSize];
        new Span<byte>(e, X11.EventSize).Clear();
        *(int*)e = X11.ButtonPress;
        *(nuint*)(e + 32) = child;
        *(int*)(e + X11.ButtonX) = x;
        *(int*)(e + X11.ButtonY) = y;
        *(uint*)(e + X11.ButtonNumber) = button;
        Assert.NotEqual(0, X11.XSendEvent(_display, child, 0, (nint)X11.ButtonPressMask, e));
        X11.XSync(_display, 0);
        Frame.FireHandlers();
    }

    public void Dispose()
    {
        Close();
        Frame.ReleaseReference();
        X11.XDestroyWindow(_display, _parent);
        X11.XCloseDisplay(_display);
    }

    [LibraryImport("libX11.so.6")]
    private static partial int XGetGeometry(nint display, nuint drawable, out nuint root, out int x, out int y, out uint width, out uint height, out uint border, out uint depth);

    [LibraryImport("libX11.so.6")]
    private static partial int XGetWindowProperty(nint display, nuint window, nuint property, nint offset, nint length, int delete, nuint type,
        out nuint actualType, out int actualFormat, out nuint items, out nuint bytesAfter, out nint data);

    [LibraryImport("libX11.so.6")]
    private static partial int XQueryTree(nint display, nuint window, out nuint root, out nuint parent, out nint children, out uint count);

    [LibraryImport("libX11.so.6")]
    private static partial int XFree(nint data);
}
