using System.Runtime.InteropServices;
using Audio2Midi.Plugin.Editor;

namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// The plugin's window as the host sees it (IPlugView, from IEditController::createView("editor")). Linux: an X11
/// child window (<see cref="X11EditorWindow"/>) driven by the host's Linux::IRunLoop taken from the IPlugFrame (a
/// 30-a-second timer repaints; the X connection's descriptor brings clicks and resizes). Windows: an HWND child
/// (<see cref="Win32EditorWindow"/>) with a Win32 timer (compiled, not run here). One drawing code for both
/// (<see cref="EditorView"/>). Everything happens on the host's UI thread; the audio thread only feeds the ring the
/// view reads. Hosts that open no editor keep their generic one.
/// </summary>
internal sealed unsafe class PlugViewObject : ComObject
{
    public const string X11Type = "X11EmbedWindowID", HwndType = "HWND";
    private const int FrameMilliseconds = 33;

    private static readonly ComInterface ViewInterface = new(Vtable(), Iids.FUnknown, Iids.IPlugView);
    private static readonly ComInterface ScaleInterface = new(ScaleVtable(), Iids.IPlugViewContentScaleSupport);

    private readonly ControllerObject _controller;
    private readonly EditorView _view;
    private const int NoticeMilliseconds = 4000;
    private string? _notice;       // what a button did, shown in the status line until _noticeUntil (Environment.TickCount64)
    private long _noticeUntil;
    private readonly X11EditorWindow _window = new();
    private Win32EditorWindow? _win32;
    private void* _frame;        // IPlugFrame, referenced
    private void* _runLoop;      // Linux::IRunLoop, referenced
    private UiTimer? _timer;
    private RunLoopCallback? _events;   // the X connection's descriptor

    public PlugViewObject(ControllerObject controller) : base(ViewInterface, ScaleInterface)
    {
        SkiaSharpResolver.Install();   // before the first SkiaSharp call (the view's fonts and paints)
        _view = new EditorView();
        _controller = controller;
        controller.AddReference();
    }

    public void* Pointer => InterfacePointer(0);

    protected override void OnFinalRelease()
    {
        Detach();
        SetFrame(null);
        _view.Dispose();
        _controller.ReleaseReference();
    }

    private void SetFrame(void* frame)
    {
        if (_runLoop != null) HostCalls.Release(_runLoop);
        _runLoop = null;
        if (frame != null) HostCalls.AddRef(frame);
        if (_frame != null) HostCalls.Release(_frame);
        _frame = frame;
        if (frame != null && OperatingSystem.IsLinux())
        {
            void* loop = null;
            if (HostCalls.QueryInterface(frame, Iids.IRunLoop, &loop) == Result.Ok) _runLoop = loop;
        }
    }

    private int AttachWin32(nint parent)
    {
        if (!OperatingSystem.IsWindows()) return Result.False;
        _win32 = new Win32EditorWindow(Repaint, Click, Resized);
        if (_win32.Open(parent, _view.Width, _view.Height)) return Result.Ok;
        _win32.Dispose();
        _win32 = null;
        return Result.False;
    }

    private void Resized(int width, int height)
    {
        _view.Resize(width, height);
        _window.Resize(_view.Width, _view.Height);
        _win32?.Resize(_view.Width, _view.Height);
    }

    private int Attach(nuint parent)
    {
        if (!OperatingSystem.IsLinux() || _runLoop == null) return Result.False;   // no run loop: no thread of ours may drive X
        if (!_window.Open(parent, _view.Width, _view.Height)) return Result.False;
        HostCalls.AddRef(_runLoop);
        _timer = UiTimer.OnRunLoop(_runLoop, Repaint, FrameMilliseconds);
        if (_timer is null) HostCalls.Release(_runLoop);
        _events = new RunLoopCallback(Pump);
        HostCalls.RegisterEventHandler(_runLoop, _events.EventPointer, _window.FileDescriptor);
        Repaint();
        return Result.Ok;
    }

    private void Detach()
    {
        _timer?.Dispose();
        _timer = null;
        if (_events is not null)
        {
            _events.Stop();
            if (_runLoop != null) HostCalls.UnregisterEventHandler(_runLoop, _events.EventPointer);
            _events.ReleaseReference();
            _events = null;
        }
        _window.Dispose();
        _win32?.Dispose();
        _win32 = null;
    }

    private void Repaint()
    {
        Pump();
        nint pixels = _win32?.Pixels ?? _window.Pixels;
        if (pixels == 0) return;
        EditorState state = EditorStateBuilder.From(_controller.Controller.NormalizedValues());
        if (_notice is not null && Environment.TickCount64 < _noticeUntil) state = state with { Status = _notice, Fallback = false };   // a button's answer, for a few seconds
        (int x, int y, int w, int h) = _view.Paint(_controller.EditorFeed, state, pixels, _win32?.Stride ?? _window.Stride);
        if (_win32 is not null) _win32.Present(x, y, w, h);
        else _window.Present(x, y, w, h);
    }

    private void Pump() => _window.Pump(Click, Configured, _view.Invalidate);

    /// <summary>The X server says the window has this size: draw at it, ask for nothing (see <see cref="X11EditorWindow.Adopt"/>).</summary>
    private void Configured(int width, int height)
    {
        _view.Resize(width, height);
        _window.Adopt(_view.Width, _view.Height);
    }

    private void Click(int x, int y, int steps)
    {
        if (steps == 0 && _view.IsFolderButton(x, y))
        {
            PresetFolderOpener.Open();
            return;
        }
        if (steps == 0 && _view.IsRescanButton(x, y))
        {
            int added = ProgramList.Rescan();   // every controller hears of a grown menu and tells its host; the list redraws from the new state
            _notice = added == 0 ? "Rescan: no new presets" : added == 1 ? "Rescan: 1 new preset" : $"Rescan: {added} new presets";
            _noticeUntil = Environment.TickCount64 + NoticeMilliseconds;
            _view.Invalidate();
            return;
        }
        if (_view.EditAt(x, y, steps, _controller.Controller.NormalizedValues()) is { } edit) _controller.UserEdit(edit.Id, edit.Normalized);
    }

    private static PlugViewObject? Of(void* self) => From<PlugViewObject>(self);

    private static void** Vtable()
    {
        void** v = ComInterface.NewVtable(15);
        v[3] = (delegate* unmanaged<void*, byte*, int>)&IsPlatformTypeSupported;
        v[4] = (delegate* unmanaged<void*, void*, byte*, int>)&Attached;
        v[5] = (delegate* unmanaged<void*, int>)&Removed;
        v[6] = (delegate* unmanaged<void*, float, int>)&OnWheel;
        v[7] = (delegate* unmanaged<void*, char, short, short, int>)&OnKey;
        v[8] = (delegate* unmanaged<void*, char, short, short, int>)&OnKey;
        v[9] = (delegate* unmanaged<void*, ViewRect*, int>)&GetSize;
        v[10] = (delegate* unmanaged<void*, ViewRect*, int>)&OnSize;
        v[11] = (delegate* unmanaged<void*, byte, int>)&OnFocus;
        v[12] = (delegate* unmanaged<void*, void*, int>)&SetFrameThunk;
        v[13] = (delegate* unmanaged<void*, int>)&CanResize;
        v[14] = (delegate* unmanaged<void*, ViewRect*, int>)&CheckSizeConstraint;
        return v;
    }

    private static bool IsType(byte* type, string name) => type != null && Marshal.PtrToStringUTF8((nint)type) == name;

    /// <summary>X11 windows on Linux, HWNDs on Windows.</summary>
    private static bool Supported(byte* type) =>
        OperatingSystem.IsLinux() ? IsType(type, X11Type) : OperatingSystem.IsWindows() && IsType(type, HwndType);

    [UnmanagedCallersOnly]
    private static int IsPlatformTypeSupported(void* self, byte* type)
    {
        try { return Supported(type) ? Result.True : Result.False; }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int Attached(void* self, void* parent, byte* type)
    {
        try
        {
            PlugViewObject? v = Of(self);
            if (v is null || parent == null || !Supported(type)) return Result.InvalidArgument;
            return OperatingSystem.IsWindows() ? v.AttachWin32((nint)parent) : v.Attach((nuint)parent);
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int Removed(void* self)
    {
        try
        {
            Of(self)?.Detach();
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int OnWheel(void* self, float distance) => Result.False;

    [UnmanagedCallersOnly]
    private static int OnKey(void* self, char key, short code, short modifiers) => Result.False;

    [UnmanagedCallersOnly]
    private static int GetSize(void* self, ViewRect* size)
    {
        PlugViewObject? v = Of(self);
        if (v is null || size == null) return Result.InvalidArgument;
        *size = new ViewRect { Left = 0, Top = 0, Right = v._view.Width, Bottom = v._view.Height };
        return Result.Ok;
    }

    [UnmanagedCallersOnly]
    private static int OnSize(void* self, ViewRect* size)
    {
        try
        {
            PlugViewObject? v = Of(self);
            if (v is null || size == null) return Result.InvalidArgument;
            v.Resized(size->Width, size->Height);
            v.Repaint();
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int OnFocus(void* self, byte state) => Result.Ok;

    [UnmanagedCallersOnly]
    private static int SetFrameThunk(void* self, void* frame)
    {
        try
        {
            Of(self)?.SetFrame(frame);
            return Result.Ok;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int CanResize(void* self) => Result.True;

    [UnmanagedCallersOnly]
    private static int CheckSizeConstraint(void* self, ViewRect* rect)
    {
        PlugViewObject? v = Of(self);
        if (v is null || rect == null) return Result.InvalidArgument;
        (int w, int h) = v._view.Constrain(rect->Width, rect->Height);
        rect->Right = rect->Left + w;
        rect->Bottom = rect->Top + h;
        return Result.Ok;
    }

    // ---- IPlugViewContentScaleSupport: HiDPI. Everything is drawn at the factor; the window grows with it. ----

    private static void** ScaleVtable()
    {
        void** v = ComInterface.NewVtable(4);
        v[3] = (delegate* unmanaged<void*, float, int>)&SetContentScaleFactor;
        return v;
    }

    [UnmanagedCallersOnly]
    private static int SetContentScaleFactor(void* self, float factor)
    {
        try
        {
            PlugViewObject? v = Of(self);
            if (v is null || !float.IsFinite(factor) || factor <= 0) return Result.InvalidArgument;
            v.Rescale(Math.Clamp(factor, 1, 4));
            return Result.True;
        }
        catch (Exception e) { return Diagnostics.Fail(e); }
    }

    private void Rescale(float factor)
    {
        float old = _view.Scale;
        if (factor == old) return;
        _view.Scale = factor;
        Resized((int)Math.Round(_view.Width * factor / old), (int)Math.Round(_view.Height * factor / old));
        _view.Invalidate();
        if (_frame != null)
        {
            var rect = new ViewRect { Right = _view.Width, Bottom = _view.Height };
            HostCalls.ResizeView(_frame, Pointer, &rect);   // the host answers with onSize
        }
    }
}
