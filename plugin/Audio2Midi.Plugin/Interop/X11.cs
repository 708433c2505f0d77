using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

/// <summary>The few libX11 calls the editor's Linux window needs (Xlib.h), and the event fields it reads.</summary>
internal static unsafe partial class X11
{
    private const string Lib = "libX11.so.6";

    public const long ExposureMask = 1L << 15, ButtonPressMask = 1L << 2, StructureNotifyMask = 1L << 17;
    public const int ButtonPress = 4, Expose = 12, ConfigureNotify = 22;
    public const int ZPixmap = 2;
    public const int PropModeReplace = 0;
    public const ulong AllPlanes = ulong.MaxValue;

    /// <summary>XEvent is a 192-byte union; the editor reads these offsets (x86_64 and other LP64 ABIs).</summary>
    public const int EventSize = 192, ButtonX = 64, ButtonY = 68, ButtonNumber = 84, ConfigureWidth = 56, ConfigureHeight = 60;

    /// <summary>XImage fields: data pointer, bytes per line.</summary>
    public const int ImageData = 16, ImageBytesPerLine = 44;

    [LibraryImport(Lib)] public static partial nint XOpenDisplay(nint name);
    [LibraryImport(Lib)] public static partial int XCloseDisplay(nint display);
    [LibraryImport(Lib)] public static partial int XDefaultScreen(nint display);
    [LibraryImport(Lib)] public static partial nint XDefaultVisual(nint display, int screen);
    [LibraryImport(Lib)] public static partial int XDefaultDepth(nint display, int screen);
    [LibraryImport(Lib)] public static partial nuint XRootWindow(nint display, int screen);
    [LibraryImport(Lib)] public static partial int XDisplayWidth(nint display, int screen);
    [LibraryImport(Lib)] public static partial int XDisplayHeight(nint display, int screen);
    [LibraryImport(Lib)] public static partial nuint XCreateSimpleWindow(nint display, nuint parent, int x, int y, uint width, uint height, uint border, nuint borderColor, nuint background);
    [LibraryImport(Lib)] public static partial int XSelectInput(nint display, nuint window, nint mask);
    [LibraryImport(Lib)] public static partial int XMapWindow(nint display, nuint window);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial nuint XInternAtom(nint display, string name, int onlyIfExists);
    [LibraryImport(Lib)] public static partial int XChangeProperty(nint display, nuint window, nuint property, nuint type, int format, int mode, byte* data, int elements);
    [LibraryImport(Lib)] public static partial int XResizeWindow(nint display, nuint window, uint width, uint height);
    [LibraryImport(Lib)] public static partial int XDestroyWindow(nint display, nuint window);
    [LibraryImport(Lib)] public static partial nint XCreateGC(nint display, nuint drawable, nuint mask, nint values);
    [LibraryImport(Lib)] public static partial int XFreeGC(nint display, nint gc);
    [LibraryImport(Lib)] public static partial nint XCreateImage(nint display, nint visual, uint depth, int format, int offset, nint data, uint width, uint height, int pad, int bytesPerLine);
    [LibraryImport(Lib)] public static partial int XDestroyImage(nint image);
    [LibraryImport(Lib)] public static partial int XPutImage(nint display, nuint drawable, nint gc, nint image, int srcX, int srcY, int dstX, int dstY, uint width, uint height);
    [LibraryImport(Lib)] public static partial nint XGetImage(nint display, nuint drawable, int x, int y, uint width, uint height, nuint planes, int format);
    [LibraryImport(Lib)] public static partial nuint XGetPixel(nint image, int x, int y);
    [LibraryImport(Lib)] public static partial int XPending(nint display);
    [LibraryImport(Lib)] public static partial int XNextEvent(nint display, byte* ev);
    [LibraryImport(Lib)] public static partial int XSendEvent(nint display, nuint window, int propagate, nint mask, byte* ev);
    [LibraryImport(Lib)] public static partial int XConnectionNumber(nint display);
    [LibraryImport(Lib)] public static partial int XFlush(nint display);
    [LibraryImport(Lib)] public static partial int XSync(nint display, int discard);

    // MIT-SHM (libXext): the window's pixels shared with a local X server instead of copied through its socket.
    private const string Ext = "libXext.so.6";

    [LibraryImport(Ext)] public static partial int XShmQueryExtension(nint display);
    [LibraryImport(Ext)] public static partial nint XShmCreateImage(nint display, nint visual, uint depth, int format, nint data, nint info, uint width, uint height);
    [LibraryImport(Ext)] public static partial int XShmAttach(nint display, nint info);
    [LibraryImport(Ext)] public static partial int XShmDetach(nint display, nint info);
    [LibraryImport(Ext)] public static partial int XShmPutImage(nint display, nuint drawable, nint gc, nint image, int srcX, int srcY, int dstX, int dstY, uint width, uint height, int sendEvent);
    [LibraryImport(Lib)] public static partial nint XSetErrorHandler(nint handler);

    /// <summary>XShmSegmentInfo: shmseg (unsigned long), shmid (int), shmaddr (char*), readOnly (Bool).</summary>
    public const int ShmInfoSize = 32, ShmId = 8, ShmAddress = 16;

    [LibraryImport("libc")] public static partial int shmget(int key, nuint size, int flags);
    [LibraryImport("libc")] public static partial nint shmat(int id, nint address, int flags);
    [LibraryImport("libc")] public static partial int shmdt(nint address);
    [LibraryImport("libc")] public static partial int shmctl(int id, int command, nint buffer);

    public const int IpcPrivate = 0, IpcCreate = 0x200, IpcRemove = 0;
}
