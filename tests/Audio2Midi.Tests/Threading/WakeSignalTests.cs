using Audio2Midi.Threading;

namespace Audio2Midi.Tests.Threading;

/// <summary>
/// The idle threads' wake-up: a thread waiting with nothing to do sleeps in the kernel (it is not switched in and out
/// as a polling loop is), a signal wakes it, and a signal given before the wait is not lost.
/// </summary>
public sealed class WakeSignalTests
{
    /// <summary>This thread's voluntary context switches (Linux), or -1 elsewhere.</summary>
    private static long VoluntarySwitches()
    {
        if (!OperatingSystem.IsLinux()) return -1;
        string line = File.ReadLines("/proc/thread-self/status").First(l => l.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal));
        return long.Parse(line.Split(':')[1].Trim());
    }

    [Fact]
    public void AWaitWithNothingToDoSleepsWithoutPolling()
    {
        if (!OperatingSystem.IsLinux()) return;
        var signal = new WakeSignal();
        long switches = 0;
        var waiter = new Thread(() =>
        {
            long before = VoluntarySwitches();
            signal.Wait(signal.Token, 400);   // nobody signals: the timeout ends it
            switches = VoluntarySwitches() - before;
        });
        waiter.Start();
        waiter.Join();
        // A 1 ms polling loop would be switched out about 400 times (a 10 ms one 40); one sleep in the kernel is once, plus
        // the odd switch when the tests running beside it make the runtime stop every thread (a CI run once counted 4).
        Assert.InRange(switches, 1, 12);
    }

    [Fact]
    public void ASignalWakesTheWaiterAndOneGivenBeforeTheWaitIsNotLost()
    {
        var signal = new WakeSignal();
        int token = signal.Token;
        signal.Signal();                     // between the look for work and the wait
        signal.Wait(token, 60_000);          // returns at once: the count moved
        Assert.NotEqual(token, signal.Token);

        using var started = new ManualResetEventSlim();
        bool woke = false;
        var waiter = new Thread(() =>
        {
            int t = signal.Token;
            started.Set();
            while (!Volatile.Read(ref woke)) signal.Wait(t);   // no timeout: only a signal ends it
        });
        waiter.Start();
        started.Wait();
        Volatile.Write(ref woke, true);
        signal.Signal();
        Assert.True(waiter.Join(TimeSpan.FromSeconds(30)), "the signal did not wake the waiting thread");
    }
}
