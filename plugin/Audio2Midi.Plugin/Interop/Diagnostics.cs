namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// Where exceptions caught at the ABI boundary go: counted (tests read the count) and turned into a
/// result code. Never rethrown: a managed exception must not unwind into the host.
/// </summary>
internal static class Diagnostics
{
    private static int s_caught;

    public static int CaughtExceptions => Volatile.Read(ref s_caught);

    public static string? LastMessage { get; private set; }

    public static void Report(Exception e)
    {
        Interlocked.Increment(ref s_caught);
        LastMessage = e.GetType().Name + ": " + e.Message;
    }

    public static int Fail(Exception e)
    {
        Report(e);
        return e is OutOfMemoryException ? Result.OutOfMemory : Result.InternalError;
    }
}
