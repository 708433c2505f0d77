namespace Audio2Midi.Plugin;

/// <summary>
/// When to ask the host to re-read the latency (restartComponent with kLatencyChanged): when what the processor
/// reports differs from what the host last read, once per new value. Before the host has read it at all there is
/// nothing to announce (hosts read it when they activate the plugin). Free of any ABI; the controller calls it from
/// its UI-thread tick with the processor's answer.
/// </summary>
internal sealed class LatencyAnnouncer
{
    private int _asked = -1;   // the reported value the host was last asked to read, until it has read it

    /// <summary>True when the host should be told now; <paramref name="hostRead"/> is -1 before its first read.</summary>
    public bool ShouldAnnounce(int reported, int hostRead)
    {
        if (hostRead < 0 || reported == hostRead)
        {
            _asked = -1;
            return false;
        }
        if (reported == _asked) return false;
        _asked = reported;
        return true;
    }
}
