using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// The Linux seam of the plugin's window: a child of the host's X11 window, on our own connection to the X server,
/// driven only from the host's UI thread through its run loop (a timer repaints, the connection's file descriptor
/// delivers clicks and resizes). Pixels are drawn into our buffer and put with XPutImage. No thread of our own touches X.
/// </summary>
internal sealed unsafe class X11EditorWindow : IDisposable
{
    private nint _display, _gc, _image, _pixels;
    private nuint _window;
    private int _width, _height;
    private readonly byte[] _event = new byte[X11.EventSize];

    public int FileDescriptor { get; private set; } = -1;

    public nuint Window => _window;

    /// <summary>Opens a connection and a child window of <paramref name="parent"/>; false if there is no X server.</summary>
    public bool Open(nuint parent, int width, int height)
    {
        _display = X11.XOpenDisplay(0);
        if (_display == 0) return false;
        _window = X11.XCreateSimpleWindow(_display, parent, 0, 0, (uint)width, (uint)height, 0, 0, 0);
        X11.XSelectInput(_display, _window, (nint)(X11.ExposureMask | X11.ButtonPressMask | X11.StructureNotifyMask));
        _gc = X11.XCreateGC(_display, _window, 0, 0);
        X11.XMapWindow(_display, _window);
        FileDescriptor = X11.XConnectionNumber(_display);
        Resize(width, height);
        X11.XFlush(_display);
        return true;
    }

    /// <summary>The pixel buffer for the current size (BGRA, 4 bytes a pixel, rows of <see cref="Stride"/> bytes).</summary>
    public nint Pixels => _pixels;

    public int Stride => _width * 4;

    public void Resize(int width, int height)
    {
        if (_display == 0 || (width == _width && height == _height && _image != 0)) return;
        DropImage();
        _width = width;
        _height = height;
        _pixels = (nint)NativeMemory.AllocZeroed((nuint)(width * height * 4));   // malloc: XDestroyImage frees it
        int screen = X11.XDefaultScreen(_display);
        _image = X11.XCreateImage(_display, X11.XDefaultVisual(_display, screen), (uint)X11.XDefaultDepth(_display, screen),
            X11.ZPixmap, 0, _pixels, (uint)width, (uint)height, 32, Stride);
        X11.XResizeWindow(_display, _window, (uint)width, (uint)height);
    }

    /// <summary>Puts the drawn pixels on the window.</summary>
    public void Present()
    {
        if (_image == 0) return;
        X11.XPutImage(_display, _window, _gc, _image, 0, 0, 0, 0, (uint)_width, (uint)_height);
        X11.XFlush(_display);
    }

    /// <summary>What happened on the connection since the last call: clicks (left button) and the last size the window got.</summary>
    public void Pump(Action<int, int> click, Action<int, int> resized, Action exposed)
    {
        if (_display == 0) return;
        fixed (byte* e = _event)
        {
            while (X11.XPending(_display) > 0)
            {
                X11.XNextEvent(_display, e);
                int type = *(int*)e;
                if (type == X11.ButtonPress && *(uint*)(e + X11.ButtonNumber) == 1) click(*(int*)(e + X11.ButtonX), *(int*)(e + X11.ButtonY));
                else if (type == X11.ConfigureNotify) resized(*(int*)(e + X11.ConfigureWidth), *(int*)(e + X11.ConfigureHeight));
                else if (type == X11.Expose) exposed();
            }
        }
    }

    private void DropImage()
    {
        if (_image != 0) X11.XDestroyImage(_image);   // frees _pixels too
        else if (_pixels != 0) NativeMemory.Free((void*)_pixels);
        _image = 0;
        _pixels = 0;
    }

    public void Dispose()
    {
        if (_display == 0) return;
        DropImage();
        if (_gc != 0) X11.XFreeGC(_display, _gc);
        if (_window != 0) X11.XDestroyWindow(_display, _window);
        X11.XCloseDisplay(_display);
        _display = 0;
        _window = 0;
        _gc = 0;
        FileDescriptor = -1;
    }
}
