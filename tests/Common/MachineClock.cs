using System.Runtime.InteropServices;

namespace Audio2Midi.TestCommon;

/// <summary>
/// The calling thread's CPU clock and the machine's load, for the timing test and the cost benchmark.
/// One source file linked into both projects (they share no test library).
/// </summary>
internal static class MachineClock
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>CLOCK_THREAD_CPUTIME_ID in nanoseconds; 0 where there is no such clock (not Linux).</summary>
    public static long ThreadCpuNanoseconds()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        ClockGetTime(ClockThreadCpuTimeId, out TimeSpec t);
        return t.Seconds * 1_000_000_000L + t.Nanoseconds;
    }

    /// <summary>The 1-minute load average, or "n/a" where /proc/loadavg is missing.</summary>
    public static string LoadAverage() =>
        OperatingSystem.IsLinux() && File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
