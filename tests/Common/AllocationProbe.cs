namespace Audio2Midi.TestCommon;

/// <summary>
/// Bytes the calling thread allocates in one pass of some work, the least over several passes (call it after a
/// warm-up): an allocation per call shows in every pass, the runtime's one-off work on the thread (first calls,
/// tiering) in one pass at most.
/// </summary>
internal static class AllocationProbe
{
    public static long LeastPerPass(Action pass, int passes = 3)
    {
        long least = long.MaxValue;
        for (int i = 0; i < passes; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            pass();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
