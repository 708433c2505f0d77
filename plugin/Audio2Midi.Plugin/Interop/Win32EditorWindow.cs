using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// The Windows seam of the plugin's window: a child of the host's HWND on the host's UI thread, repainted by a Win32
/// timer (33 ms) that the thread's message loop dispatches; pixels are drawn into our buffer and put with
/// SetDIBitsToDevice; clicks, wheel turns and sizes come as window messages. Compiled in every build; it cannot be run
/// on the Linux machines the project is tested on.
/// </summary>
internal sealed unsafe class Win32EditorWindow : IDisposable
{
    private const string ClassName = "Audio2MidiEditor";
    private const nuint TimerId = 1;

    private static readonly Dictionary<nint, Win32EditorWindow> s_windows = [];   // UI thread only, as the messages are
    private static bool s_registered;

    private readonly Action _tick;
    private readonly Action<int, int, int> _click;
    private readonly Action<int, int> _resized;
    private nint _window, _pixels;
    private int _width, _height;

    public Win32EditorWindow(Action tick, Action<int, int, int> click, Action<int, int> resized)
    {
        _tick = tick;
        _click = click;
        _resized = resized;
    }

    public nint Pixels => _pixels;

    public int Stride => _width * 4;

    public bool Open(nint parent, int width, int height)
    {
        Register();
        _window = Win32.CreateWindowExW(0, ClassName, "Audio2Midi", Win32.WS_CHILD | Win32.WS_VISIBLE | Win32.WS_CLIPSIBLINGS,
            0, 0, width, height, parent, 0, Win32.GetModuleHandleW(null), 0);
        if (_window == 0) return false;
        s_windows[_window] = this;
        Resize(width, height);
        Win32.SetTimer(_window, TimerId, 33, 0);
        return true;
    }

    public void Resize(int width, int height)
    {
        if (width == _width && height == _height && _pixels != 0) return;
        if (_pixels != 0) NativeMemory.Free((void*)_pixels);
        (_width, _height) = (width, height);
        _pixels = (nint)NativeMemory.AllocZeroed((nuint)(width * height * 4));
        if (_window != 0) Win32.SetWindowPos(_window, 0, 0, 0, width, height, Win32.SWP_NOMOVE | Win32.SWP_NOZORDER | Win32.SWP_NOACTIVATE);
    }

    /// <summary>Puts the whole buffer on the window (the area is drawn; GDI takes it in one call).</summary>
    public void Present(int x, int y, int width, int height)
    {
        if (_window == 0) return;
        nint dc = Win32.GetDC(_window);
        Blit(dc);
        Win32.ReleaseDC(_window, dc);
    }

    private void Blit(nint dc)
    {
        var header = new Win32.BitmapInfoHeader { Size = (uint)sizeof(Win32.BitmapInfoHeader), Width = _width, Height = -_height, Planes = 1, BitCount = 32 };
        Win32.SetDIBitsToDevice(dc, 0, 0, (uint)_width, (uint)_height, 0, 0, 0, (uint)_height, _pixels, &header, 0);
    }

    private static void Register()
    {
        if (s_registered) return;
        fixed (char* name = ClassName)
        {
            var wc = new Win32.WndClassEx
            {
                Size = (uint)sizeof(Win32.WndClassEx),
                Style = Win32.CS_OWNDC,
                WndProc = (nint)(delegate* unmanaged<nint, uint, nuint, nint, nint>)&WindowProc,
                Instance = Win32.GetModuleHandleW(null),
                ClassName = (nint)name,
            };
            s_registered = Win32.RegisterClassExW(&wc) != 0;
        }
    }

    [UnmanagedCallersOnly]
    private static nint WindowProc(nint window, uint message, nuint wParam, nint lParam)
    {
        try
        {
            if (!s_windows.TryGetValue(window, out Win32EditorWindow? w)) return Win32.DefWindowProcW(window, message, wParam, lParam);
            int low = (short)(lParam & 0xFFFF), high = (short)((lParam >> 16) & 0xFFFF);
            switch (message)
            {
                case Win32.WM_TIMER:
                    w._tick();
                    return 0;
                case Win32.WM_PAINT:
                    byte* paint = stackalloc byte[Win32.PaintStructSize];
                    nint dc = Win32.BeginPaint(window, paint);
                    w.Blit(dc);
                    Win32.EndPaint(window, paint);
                    return 0;
                case Win32.WM_LBUTTONDOWN:
                    w._click(low, high, 0);
                    return 0;
                case Win32.WM_MOUSEWHEEL:
                    var p = new Win32.Point { X = low, Y = high };   // screen coordinates
                    Win32.ScreenToClient(window, &p);
                    w._click(p.X, p.Y, (short)((nint)wParam >> 16) > 0 ? 1 : -1);
                    return 0;
                case Win32.WM_SIZE:
                    w._resized(low & 0xFFFF, high & 0xFFFF);
                    return 0;
            }
            return Win32.DefWindowProcW(window, message, wParam, lParam);
        }
        catch (Exception e)
        {
            Diagnostics.Report(e);
            return 0;
        }
    }

    public void Dispose()
    {
        if (_window != 0)
        {
            Win32.KillTimer(_window, TimerId);
            s_windows.Remove(_window);
            Win32.DestroyWindow(_window);
            _window = 0;
        }
        if (_pixels != 0) NativeMemory.Free((void*)_pixels);
        _pixels = 0;
    }
}
