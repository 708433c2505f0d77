using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// A periodic call on the host's UI thread, for work that must not happen inside a host call (announcing a latency
/// change: hosts may hold their locks while they call us, and Ardour 7.3 deadlocks if restartComponent comes back
/// inside its program change). Linux: a timer on the host's Linux::IRunLoop where its context offers one. Windows: a
/// Win32 timer on the thread that initialised the controller (the host's UI thread, which runs a message loop). Else
/// none (<see cref="Start"/> returns null) and the caller falls back to the next UI-thread call it gets.
/// </summary>
internal abstract unsafe class UiTimer : IDisposable
{
    /// <summary>Milliseconds between ticks.</summary>
    public const int IntervalMilliseconds = 100;

    /// <summary>Where the ticks come from, for the log.</summary>
    public abstract string Source { get; }

    public abstract void Dispose();

    /// <summary>
    /// A timer that calls <paramref name="tick"/> on the UI thread, or null where the host offers none. On Linux the run
    /// loop is asked of the host's context, then of its component handler (Ardour's handler object also answers for
    /// Linux::IRunLoop when it has one).
    /// </summary>
    public static UiTimer? Start(HostContext host, void* handler, Action tick)
    {
        if (OperatingSystem.IsLinux())
        {
            void* loop = host.QueryRunLoop();
            if (loop == null && handler != null && HostCalls.QueryInterface(handler, Iids.IRunLoop, &loop) != Result.Ok) loop = null;
            if (loop == null) return null;
            UiTimer? timer = RunLoopTimer.Register(loop, tick, IntervalMilliseconds);
            if (timer is null) HostCalls.Release(loop);
            return timer;
        }
        if (OperatingSystem.IsWindows()) return Win32Timer.Start(tick);
        return null;
    }

    /// <summary>A timer on a run loop the caller has (a reference the timer takes over and releases; null: it stays the caller's).</summary>
    public static UiTimer? OnRunLoop(void* loop, Action tick, int milliseconds) => RunLoopTimer.Register(loop, tick, milliseconds);

    /// <summary>Linux: an ITimerHandler registered with the host's run loop.</summary>
    private sealed class RunLoopTimer : UiTimer
    {
        private void* _loop;
        private readonly RunLoopCallback _handler;

        private RunLoopTimer(void* loop, RunLoopCallback handler)
        {
            _loop = loop;
            _handler = handler;
        }

        public override string Source => "the host's run loop (Linux::IRunLoop)";

        public static RunLoopTimer? Register(void* loop, Action tick, int milliseconds)
        {
            var handler = new RunLoopCallback(tick);
            if (HostCalls.RegisterTimer(loop, handler.TimerPointer, (ulong)milliseconds) != Result.Ok)
            {
                handler.ReleaseReference();
                return null;   // the caller keeps its reference to the loop
            }
            return new RunLoopTimer(loop, handler);
        }

        public override void Dispose()
        {
            void* loop = _loop;
            if (loop == null) return;
            _loop = null;
            _handler.Stop();
            HostCalls.UnregisterTimer(loop, _handler.TimerPointer);
            HostCalls.Release(loop);
            _handler.ReleaseReference();
        }
    }

    /// <summary>Windows: SetTimer with a timer procedure, dispatched by the UI thread's message loop.</summary>
    private sealed class Win32Timer : UiTimer
    {
        private static readonly Dictionary<nuint, Action> s_ticks = [];   // UI thread only, as the timers are
        private nuint _id;

        private Win32Timer(nuint id) => _id = id;

        public override string Source => "a Win32 timer on the host's UI thread";

        public static Win32Timer? Start(Action tick)
        {
            nuint id = Win32.SetTimer(0, 0, IntervalMilliseconds, (nint)(delegate* unmanaged<nint, uint, nuint, uint, void>)&OnTimer);
            if (id == 0) return null;
            s_ticks[id] = tick;
            return new Win32Timer(id);
        }

        public override void Dispose()
        {
            if (_id == 0) return;
            Win32.KillTimer(0, _id);
            s_ticks.Remove(_id);
            _id = 0;
        }

        [UnmanagedCallersOnly]
        private static void OnTimer(nint window, uint message, nuint id, uint time)
        {
            try { if (s_ticks.TryGetValue(id, out Action? tick)) tick(); }
            catch (Exception e) { Diagnostics.Report(e); }
        }
    }
}
