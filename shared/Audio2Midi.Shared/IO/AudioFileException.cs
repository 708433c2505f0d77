namespace Audio2Midi.IO;

/// <summary>
/// The one error type for audio and MIDI files that cannot be read or written: malformed, truncated,
/// unsupported or missing. The message always names the file and the problem.
/// </summary>
public sealed class AudioFileException : Exception
{
    public string FilePath { get; }

    public AudioFileException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
    }
}
