namespace Audio2Midi.IO;

/// <summary>Whole-file conveniences for tests and tools; streaming code uses the reader and writer.</summary>
public static class WavFile
{
    /// <summary>Reads the whole file, mixed down to mono.</summary>
    public static float[] ReadMono(string path, out int sampleRate)
    {
        using AudioFileReader reader = AudioFileReader.Open(path);
        sampleRate = reader.SampleRate;
        if (reader.FrameCount > Array.MaxLength)
            throw new AudioFileException(path, $"too long to load whole ({reader.FrameCount} frames); stream it with AudioFileReader");

        if (reader.FrameCount >= 0)
        {
            var samples = new float[reader.FrameCount];
            int read = 0;
            while (read < samples.Length)
            {
                int n = reader.ReadMono(samples.AsSpan(read));
                if (n == 0)
                    break;
                read += n;
            }
            return read == samples.Length ? samples : samples[..read];
        }

        // Unknown length (ffmpeg): grow as needed.
        var all = new List<float>();
        var block = new float[65536];
        int got;
        while ((got = reader.ReadMono(block)) > 0)
        {
            if ((long)all.Count + got > Array.MaxLength)
                throw new AudioFileException(path, "too long to load whole; stream it with AudioFileReader");
            all.AddRange(block.AsSpan(0, got));
        }
        return all.ToArray();
    }

    /// <summary>Writes a mono file atomically (see <see cref="WavWriter"/>).</summary>
    public static void Write(string path, ReadOnlySpan<float> mono, int sampleRate, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        using var writer = new WavWriter(path, sampleRate, 1, format);
        writer.Write(mono);
        writer.Complete();
    }
}
