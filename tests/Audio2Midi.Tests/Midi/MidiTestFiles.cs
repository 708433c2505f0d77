namespace Audio2Midi.Tests.Midi;

/// <summary>Builds MIDI byte arrays by hand, and a temp directory that removes itself.</summary>
internal static class MidiBytes
{
    public static byte[] Header(int format, int tracks, int division) =>
        [.. "MThd"u8, 0, 0, 0, 6, (byte)(format >> 8), (byte)format, (byte)(tracks >> 8), (byte)tracks, (byte)(division >> 8), (byte)division];

    public static byte[] Chunk(string id, params byte[] body) =>
        [.. System.Text.Encoding.ASCII.GetBytes(id), (byte)(body.Length >> 24), (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length, .. body];

    public static byte[] Track(params byte[] events) => Chunk("MTrk", events);

    /// <summary>A file of the given format whose header declares exactly the tracks given.</summary>
    public static byte[] File(int format, int division, params byte[][] trackBodies)
    {
        var bytes = new List<byte>(Header(format, trackBodies.Length, division));
        foreach (var body in trackBodies)
            bytes.AddRange(Track(body));
        return [.. bytes];
    }

    public static readonly byte[] EndOfTrack = [0x00, 0xFF, 0x2F, 0x00];
}

internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("a2m-midi-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
