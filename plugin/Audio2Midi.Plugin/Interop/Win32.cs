using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

/// <summary>The few user32/gdi32/kernel32 calls the editor's Windows window needs (winuser.h, wingdi.h). Windows only.</summary>
internal static unsafe partial class Win32
{
    public const uint WS_CHILD = 0x40000000, WS_VISIBLE = 0x10000000, WS_CLIPSIBLINGS = 0x04000000;
    public const uint WM_SIZE = 0x0005, WM_PAINT = 0x000F, WM_TIMER = 0x0113, WM_LBUTTONDOWN = 0x0201, WM_MOUSEWHEEL = 0x020A;
    public const uint SWP_NOMOVE = 0x0002, SWP_NOZORDER = 0x0004, SWP_NOACTIVATE = 0x0010;
    public const uint CS_OWNDC = 0x0020;

    [StructLayout(LayoutKind.Sequential)]
    public struct WndClassEx
    {
        public uint Size, Style;
        public nint WndProc;
        public int ClassExtra, WindowExtra;
        public nint Instance, Icon, Cursor, Background, MenuName, ClassName, SmallIcon;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct BitmapInfoHeader
    {
        public uint Size;
        public int Width, Height;
        public ushort Planes, BitCount;
        public uint Compression, SizeImage;
        public int XPelsPerMeter, YPelsPerMeter;
        public uint ClrUsed, ClrImportant;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Point
    {
        public int X, Y;
    }

    /// <summary>PAINTSTRUCT is 72 bytes on 64-bit Windows; only its DC (first field) is read.</summary>
    public const int PaintStructSize = 72;

    [LibraryImport("kernel32.dll", StringMarshalling = StringMarshalling.Utf16)] public static partial nint GetModuleHandleW(string? name);
    [LibraryImport("user32.dll")] public static partial ushort RegisterClassExW(WndClassEx* wc);
    [LibraryImport("user32.dll", StringMarshalling = StringMarshalling.Utf16)]
    public static partial nint CreateWindowExW(uint exStyle, string className, string title, uint style, int x, int y, int width, int height, nint parent, nint menu, nint instance, nint param);
    [LibraryImport("user32.dll")] public static partial int DestroyWindow(nint window);
    [LibraryImport("user32.dll")] public static partial nint DefWindowProcW(nint window, uint message, nuint wParam, nint lParam);
    [LibraryImport("user32.dll")] public static partial nuint SetTimer(nint window, nuint id, uint milliseconds, nint callback);
    [LibraryImport("user32.dll")] public static partial int KillTimer(nint window, nuint id);
    [LibraryImport("user32.dll")] public static partial int SetWindowPos(nint window, nint after, int x, int y, int width, int height, uint flags);
    [LibraryImport("user32.dll")] public static partial nint GetDC(nint window);
    [LibraryImport("user32.dll")] public static partial int ReleaseDC(nint window, nint dc);
    [LibraryImport("user32.dll")] public static partial nint BeginPaint(nint window, byte* paint);
    [LibraryImport("user32.dll")] public static partial int EndPaint(nint window, byte* paint);
    [LibraryImport("user32.dll")] public static partial int ScreenToClient(nint window, Point* point);
    [LibraryImport("gdi32.dll")]
    public static partial int SetDIBitsToDevice(nint dc, int x, int y, uint width, uint height, int srcX, int srcY, uint startScan, uint lines, nint bits, BitmapInfoHeader* info, uint usage);
}
