namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// What the two halves tell each other through IConnectionPoint::notify, in IMessages the host creates, so that it
/// works through the proxies hosts put between them (the VST3 SDK's hosting helpers do). UI thread only: the SDK's
/// proxy drops a message sent from any other thread, and the audio thread sends none.
/// <list type="bullet">
/// <item><see cref="Preset"/> (controller to processor): the preset the user chose, ahead of the parameter change.</item>
/// <item><see cref="LatencyStep"/> (controller to processor): the Latency step the user chose.</item>
/// <item><see cref="LatencyQuery"/> (controller to processor): the processor answers with <see cref="LatencyReport"/>:
/// the latency it reports now and the one the host last read.</item>
/// <item><see cref="FeedQuery"/> (controller to processor, when the window opens): the processor answers with
/// <see cref="FeedReport"/>, the number of its <see cref="Editor.EditorFeed"/> in this module.</item>
/// </list>
/// </summary>
internal static unsafe class Messages
{
    public static ReadOnlySpan<byte> Preset => "Audio2Midi.Preset\0"u8;
    public static ReadOnlySpan<byte> LatencyStep => "Audio2Midi.LatencyStep\0"u8;
    public static ReadOnlySpan<byte> LatencyQuery => "Audio2Midi.LatencyQuery\0"u8;
    public static ReadOnlySpan<byte> LatencyReport => "Audio2Midi.LatencyReport\0"u8;
    public static ReadOnlySpan<byte> FeedQuery => "Audio2Midi.FeedQuery\0"u8;
    public static ReadOnlySpan<byte> FeedReport => "Audio2Midi.FeedReport\0"u8;

    public static ReadOnlySpan<byte> ProgramKey => "program\0"u8;
    public static ReadOnlySpan<byte> MillisecondsKey => "ms\0"u8;
    public static ReadOnlySpan<byte> ReportedKey => "reported\0"u8;
    public static ReadOnlySpan<byte> HostReadKey => "hostRead\0"u8;
    public static ReadOnlySpan<byte> FeedKey => "feed\0"u8;

    /// <summary>
    /// Sends <paramref name="id"/> with up to two integer attributes to <paramref name="peer"/>; false when the host
    /// made no message or there is no peer (the caller may then use the direct link).
    /// </summary>
    public static bool Send(HostContext host, void* peer, ReadOnlySpan<byte> id,
        ReadOnlySpan<byte> key1 = default, long value1 = 0, ReadOnlySpan<byte> key2 = default, long value2 = 0)
    {
        if (peer == null) return false;
        void* message = host.CreateMessage();
        if (message == null) return false;
        try
        {
            fixed (byte* i = id) HostCalls.SetMessageId(message, i);
            void* attributes = HostCalls.MessageAttributes(message);
            if (attributes == null && (!key1.IsEmpty || !key2.IsEmpty)) return false;
            if (!key1.IsEmpty) fixed (byte* k = key1) HostCalls.SetInt(attributes, k, value1);
            if (!key2.IsEmpty) fixed (byte* k = key2) HostCalls.SetInt(attributes, k, value2);
            HostCalls.Notify(peer, message);
            return true;
        }
        finally { HostCalls.Release(message); }
    }

    /// <summary>True if <paramref name="message"/>'s id is <paramref name="id"/> (a null-terminated ASCII literal).</summary>
    public static bool Is(void* message, ReadOnlySpan<byte> id)
    {
        byte* actual = HostCalls.MessageId(message);
        if (actual == null) return false;
        for (int i = 0; i < id.Length; i++)
            if (actual[i] != id[i]) return false;   // id ends in its terminator: a longer or shorter id differs there
        return true;
    }

    /// <summary>An integer attribute of <paramref name="message"/>, if it has one.</summary>
    public static bool TryGetInt(void* message, ReadOnlySpan<byte> key, out long value)
    {
        value = 0;
        void* attributes = HostCalls.MessageAttributes(message);
        if (attributes == null) return false;
        long v;
        int result;
        fixed (byte* k = key) result = HostCalls.GetInt(attributes, k, &v);
        if (result != Result.Ok) return false;
        value = v;
        return true;
    }
}
