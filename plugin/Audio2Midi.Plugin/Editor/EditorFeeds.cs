namespace Audio2Midi.Plugin.Editor;

/// <summary>
/// The feeds of this module's processors by number, so a controller (in the same module, as every host loads both
/// halves) finds its processor's feed from a number in a message. UI threads only; the audio thread never looks here.
/// </summary>
internal static class EditorFeeds
{
    private static readonly Dictionary<int, EditorFeed> s_feeds = [];
    private static int s_next;

    public static int Register(EditorFeed feed)
    {
        lock (s_feeds)
        {
            int id = ++s_next;
            s_feeds[id] = feed;
            return id;
        }
    }

    public static void Unregister(int id)
    {
        lock (s_feeds) s_feeds.Remove(id);
    }

    public static EditorFeed? Find(int id)
    {
        lock (s_feeds) return s_feeds.TryGetValue(id, out EditorFeed? f) ? f : null;
    }
}
