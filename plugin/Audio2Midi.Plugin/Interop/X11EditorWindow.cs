using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// The Linux seam of the plugin's window: a child of the host's X11 window, on our own connection to the X server,
/// driven only from the host's UI thread through its run loop (a timer repaints, the connection's file descriptor
/// delivers clicks and resizes). Pixels are drawn into our buffer and put with XPutImage, or, on a local server that
/// offers MIT-SHM, shared with the server (XShmPutImage: no copy through the socket). No thread of our own touches X.
/// </summary>
internal sealed unsafe class X11EditorWindow : IDisposable
{
    private nint _display, _gc, _image, _pixels;
    private nint _shmInfo;        // XShmSegmentInfo while the image is shared with the server
    private bool _shmUsable;
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
        SetXEmbedInfo();
        _gc = X11.XCreateGC(_display, _window, 0, 0);
        X11.XMapWindow(_display, _window);
        FileDescriptor = X11.XConnectionNumber(_display);
        _shmUsable = ShmOffered(_display);
        Resize(width, height);
        X11.XFlush(_display);
        return true;
    }

    /// <summary>
    /// _XEMBED_INFO (XEmbed protocol version 1, flags 0) on the window, as Steinberg's VSTGUI puts it on its child
    /// windows: hosts that embed by XEmbed (the VST3 SDK's editorhost among them) look for it when the window appears
    /// and give up without it. The window maps itself, so hosts that ignore XEmbed show it too.
    /// </summary>
    private void SetXEmbedInfo()
    {
        nuint atom = X11.XInternAtom(_display, "_XEMBED_INFO", 0);
        if (atom == 0) return;
        nuint* info = stackalloc nuint[2];   // format 32 travels as C longs
        info[0] = 1;
        info[1] = 0;
        X11.XChangeProperty(_display, _window, atom, atom, 32, X11.PropModeReplace, (byte*)info, 2);
    }

    /// <summary>The pixel buffer for the current size (BGRA, 4 bytes a pixel, rows of <see cref="Stride"/> bytes).</summary>
    public nint Pixels => _pixels;

    public int Stride => _image != 0 ? *(int*)(_image + X11.ImageBytesPerLine) : _width * 4;

    /// <summary>The window made <paramref name="width"/> x <paramref name="height"/> (the host's onSize or a content scale), with its pixel buffer.</summary>
    public void Resize(int width, int height)
    {
        if (_display == 0) return;
        Adopt(width, height);   // asked even when the buffer has the size already: an older ConfigureNotify may have set it
        X11.XResizeWindow(_display, _window, (uint)width, (uint)height);
    }

    /// <summary>
    /// A pixel buffer for a size the window already has (a ConfigureNotify: from our own resize, or from a host that
    /// resized the window through X). Never a resize request of its own: answering each ConfigureNotify with
    /// XResizeWindow ping-pongs for ever between two sizes when an older event arrives after a newer request.
    /// </summary>
    public void Adopt(int width, int height)
    {
        if (_display == 0 || (width == _width && height == _height && _image != 0)) return;
        DropImage();
        _width = width;
        _height = height;
        if (!(_shmUsable && CreateSharedImage()))
        {
            _pixels = (nint)NativeMemory.AllocZeroed((nuint)(width * height * 4));   // malloc: XDestroyImage frees it
            int screen = X11.XDefaultScreen(_display);
            _image = X11.XCreateImage(_display, X11.XDefaultVisual(_display, screen), (uint)X11.XDefaultDepth(_display, screen),
                X11.ZPixmap, 0, _pixels, (uint)width, (uint)height, 32, Stride);
        }
    }

    /// <summary>Puts the drawn pixels of an area on the window.</summary>
    public void Present(int x, int y, int width, int height)
    {
        if (_image == 0) return;
        if (_shmInfo != 0)
        {
            X11.XShmPutImage(_display, _window, _gc, _image, x, y, x, y, (uint)width, (uint)height, 0);
            X11.XSync(_display, 0);   // the server has read the shared pixels before the next frame draws into them
        }
        else
        {
            X11.XPutImage(_display, _window, _gc, _image, x, y, x, y, (uint)width, (uint)height);
            X11.XFlush(_display);
        }
    }

    /// <summary>
    /// What happened on the connection since the last call: clicks (left button: steps 0) and wheel turns (buttons 4
    /// and 5: +1, -1) with where they were, sizes the window got, exposures.
    /// </summary>
    public void Pump(Action<int, int, int> click, Action<int, int> resized, Action exposed)
    {
        if (_display == 0) return;
        fixed (byte* e = _event)
        {
            while (X11.XPending(_display) > 0)
            {
                X11.XNextEvent(_display, e);
                int type = *(int*)e;
                uint button = type == X11.ButtonPress ? *(uint*)(e + X11.ButtonNumber) : 0;
                if (button is 1 or 4 or 5) click(*(int*)(e + X11.ButtonX), *(int*)(e + X11.ButtonY), button == 1 ? 0 : button == 4 ? 1 : -1);
                else if (type == X11.ConfigureNotify) resized(*(int*)(e + X11.ConfigureWidth), *(int*)(e + X11.ConfigureHeight));
                else if (type == X11.Expose) exposed();
            }
        }
    }

    private void DropImage()
    {
        if (_shmInfo != 0)
        {
            X11.XShmDetach(_display, _shmInfo);
            X11.XSync(_display, 0);
            *(nint*)(_image + X11.ImageData) = 0;   // the shared segment is not XDestroyImage's to free
            X11.XDestroyImage(_image);
            X11.shmdt(_pixels);
            NativeMemory.Free((void*)_shmInfo);
            _shmInfo = 0;
        }
        else if (_image != 0) X11.XDestroyImage(_image);   // frees _pixels too
        else if (_pixels != 0) NativeMemory.Free((void*)_pixels);
        _image = 0;
        _pixels = 0;
    }

    /// <summary>MIT-SHM only on a local server (DISPLAY ":N" or "unix:N") that offers it, and only with libXext present.</summary>
    private static bool ShmOffered(nint display)
    {
        string name = Environment.GetEnvironmentVariable("DISPLAY") ?? "";
        if (!(name.StartsWith(':') || name.StartsWith("unix:", StringComparison.Ordinal))) return false;
        try { return X11.XShmQueryExtension(display) != 0; }
        catch (DllNotFoundException) { return false; }
    }

    private static int s_attachFailed;

    [UnmanagedCallersOnly]
    private static int OnAttachError(nint display, nint error)
    {
        s_attachFailed = 1;
        return 0;
    }

    /// <summary>
    /// A shared image for the current size; false (nothing left behind) if the server cannot attach the segment, as a
    /// sandboxed server in another IPC namespace cannot: the X error is caught by a handler set only around the attach,
    /// so it never reaches the host's (Xlib's default ends the process).
    /// </summary>
    private bool CreateSharedImage()
    {
        int screen = X11.XDefaultScreen(_display);
        var info = (nint)NativeMemory.AllocZeroed(X11.ShmInfoSize);
        nint image = X11.XShmCreateImage(_display, X11.XDefaultVisual(_display, screen), (uint)X11.XDefaultDepth(_display, screen), X11.ZPixmap, 0, info, (uint)_width, (uint)_height);
        if (image == 0) { NativeMemory.Free((void*)info); return false; }
        int bytes = *(int*)(image + X11.ImageBytesPerLine) * _height;
        int id = X11.shmget(X11.IpcPrivate, (nuint)bytes, X11.IpcCreate | 0x180);
        nint address = id < 0 ? -1 : X11.shmat(id, 0, 0);
        if (id < 0 || address == -1)
        {
            if (id >= 0) X11.shmctl(id, X11.IpcRemove, 0);
            *(nint*)(image + X11.ImageData) = 0;
            X11.XDestroyImage(image);
            NativeMemory.Free((void*)info);
            return false;
        }
        *(int*)(info + X11.ShmId) = id;
        *(nint*)(info + X11.ShmAddress) = address;
        *(nint*)(image + X11.ImageData) = address;
        s_attachFailed = 0;
        nint previous = X11.XSetErrorHandler((nint)(delegate* unmanaged<nint, nint, int>)&OnAttachError);
        X11.XShmAttach(_display, info);
        X11.XSync(_display, 0);
        X11.XSetErrorHandler(previous);
        X11.shmctl(id, X11.IpcRemove, 0);   // freed once both sides detach
        if (s_attachFailed != 0)
        {
            *(nint*)(image + X11.ImageData) = 0;
            X11.XDestroyImage(image);
            X11.shmdt(address);
            NativeMemory.Free((void*)info);
            _shmUsable = false;
            return false;
        }
        (_image, _pixels, _shmInfo) = (image, address, info);
        return true;
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
