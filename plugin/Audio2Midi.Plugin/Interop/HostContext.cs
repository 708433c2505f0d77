namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// The context a host passes to initialize (its IHostApplication): what creates the <see cref="Messages"/> the two
/// halves exchange, and, on Linux, where some hosts offer their UI thread's Linux::IRunLoop. Held with a reference
/// from initialize to terminate. UI thread only.
/// </summary>
internal sealed unsafe class HostContext
{
    private void* _context;   // FUnknown, referenced
    private void* _app;       // IHostApplication, referenced; null if the host gave none

    /// <summary>Takes the host's context (null allowed: then no messages can be made).</summary>
    public void Attach(void* context)
    {
        Detach();
        if (context == null) return;
        HostCalls.AddRef(context);
        _context = context;
        void* app = null;
        if (HostCalls.QueryInterface(context, Iids.IHostApplication, &app) == Result.Ok) _app = app;
    }

    public void Detach()
    {
        void* app = _app, context = _context;
        _app = null;
        _context = null;
        if (app != null) HostCalls.Release(app);
        if (context != null) HostCalls.Release(context);
    }

    /// <summary>A new IMessage from the host (a reference the caller releases), or null when it cannot make one.</summary>
    public void* CreateMessage()
    {
        if (_app == null) return null;
        void* message = null;
        return HostCalls.CreateInstance(_app, Iids.IMessage, Iids.IMessage, &message) == Result.Ok ? message : null;
    }

    /// <summary>The host's Linux::IRunLoop if its context offers one (a reference the caller releases), else null.</summary>
    public void* QueryRunLoop()
    {
        if (_context == null || !OperatingSystem.IsLinux()) return null;
        void* loop = null;
        return HostCalls.QueryInterface(_context, Iids.IRunLoop, &loop) == Result.Ok ? loop : null;
    }
}
