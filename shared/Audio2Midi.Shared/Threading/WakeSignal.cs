using System.Runtime.InteropServices;

namespace Audio2Midi.Threading;

/// <summary>
/// An event count a real-time thread may signal: <see cref="Signal"/> is one atomic increment and one futex-style
/// wake (Linux <c>futex(FUTEX_WAKE)</c>, Windows <c>WakeByAddressAll</c>), which never waits, locks or allocates.
/// A waiting thread sleeps in the kernel until it is signalled (no polling), so an idle thread wakes no CPU.
/// Use: read <see cref="Token"/>, look for work, and if there is none <see cref="Wait"/> with that token; a signal
/// that comes between the look and the wait changes the word, so the wait returns at once and nothing is lost.
/// Elsewhere (macOS) the wait falls back to sleeping in 1 ms steps.
/// </summary>
public sealed class WakeSignal
{
    // One word in the pinned heap: the kernel keys its wait queue on this address, which must never move.
    private readonly int[] _word = GC.AllocateArray<int>(1, pinned: true);
    private readonly nint _address;

    public WakeSignal()
    {
        _address = Marshal.UnsafeAddrOfPinnedArrayElement(_word, 0);
        // Binds the native wake function now, on the constructing thread: a lazy binding on the first Signal
        // (which may come from the audio thread) would load a library there.
        Wake(_address);
    }

    /// <summary>The current count; pass it to <see cref="Wait"/> after finding no work.</summary>
    public int Token => Volatile.Read(ref _word[0]);

    /// <summary>Wakes the waiting thread (any thread, real-time safe).</summary>
    public void Signal()
    {
        Interlocked.Increment(ref _word[0]);
        Wake(_address);
    }

    /// <summary>
    /// Sleeps until the count differs from <paramref name="token"/> or <paramref name="timeoutMilliseconds"/> pass
    /// (-1: no limit). It may return early (a spurious wake): callers look for work again, as they must anyway.
    /// </summary>
    public void Wait(int token, int timeoutMilliseconds = -1)
    {
        if (Volatile.Read(ref _word[0]) != token) return;
        if (OperatingSystem.IsLinux()) Futex.Wait(_address, token, timeoutMilliseconds);
        else if (OperatingSystem.IsWindows()) AddressWait.Wait(_address, token, timeoutMilliseconds);
        else Thread.Sleep(timeoutMilliseconds < 0 ? 1 : Math.Min(1, timeoutMilliseconds));
    }

    private static void Wake(nint address)
    {
        if (OperatingSystem.IsLinux()) Futex.WakeAll(address);
        else if (OperatingSystem.IsWindows()) AddressWait.WakeAll(address);
    }

    /// <summary>Linux: the futex system call (private to this process).</summary>
    private static class Futex
    {
        private const int WaitPrivate = 128, WakePrivate = 129;   // FUTEX_WAIT | FUTEX_PRIVATE_FLAG, FUTEX_WAKE | ...

        private static readonly long SysFutex = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 202,
            Architecture.Arm64 => 98,
            Architecture.X86 => 240,
            Architecture.Arm => 240,
            _ => -1,
        };

        public static void Wait(nint address, int token, int timeoutMilliseconds)
        {
            if (SysFutex < 0)
            {
                Thread.Sleep(1);
                return;
            }
            if (timeoutMilliseconds < 0)
            {
                Syscall(SysFutex, address, WaitPrivate, token, 0, 0, 0);
                return;
            }
            Span<long> timespec = [timeoutMilliseconds / 1000, timeoutMilliseconds % 1000 * 1_000_000L];
            unsafe
            {
                fixed (long* t = timespec) Syscall(SysFutex, address, WaitPrivate, token, (nint)t, 0, 0);
            }
        }

        public static void WakeAll(nint address)
        {
            if (SysFutex >= 0) Syscall(SysFutex, address, WakePrivate, int.MaxValue, 0, 0, 0);
        }

        // syscall(2) is variadic; on the 64-bit ABIs .NET runs on, integer arguments pass as for a fixed signature.
        [DllImport("libc", EntryPoint = "syscall")]
        private static extern long Syscall(long number, nint address, int operation, int value, nint timeout, nint address2, int value3);
    }

    /// <summary>Windows 8 and later: WaitOnAddress / WakeByAddressAll.</summary>
    private static class AddressWait
    {
        public static unsafe void Wait(nint address, int token, int timeoutMilliseconds)
        {
            int compare = token;
            WaitOnAddress(address, (nint)(&compare), 4, timeoutMilliseconds < 0 ? uint.MaxValue : (uint)timeoutMilliseconds);
        }

        public static void WakeAll(nint address) => WakeByAddressAll(address);

        [DllImport("api-ms-win-core-synch-l1-2-0.dll")]
        private static extern int WaitOnAddress(nint address, nint compareAddress, nint size, uint milliseconds);

        [DllImport("api-ms-win-core-synch-l1-2-0.dll")]
        private static extern void WakeByAddressAll(nint address);
    }
}
