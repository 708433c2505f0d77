using Audio2Midi.Transcription;

namespace Audio2Midi.Training.Commands;

/// <summary>
/// The engine options `transcribe` and `evaluate` build, checked before any file is read: the options' own rules
/// (<see cref="TranscriptionOptions.Validate"/>), said as the command-line flag that set the value. The Latency step is
/// checked before the options are built (<see cref="LatencyOption.Problem"/>).
/// </summary>
public static class TranscriptionOptionsCheck
{
    /// <summary>Null if <paramref name="options"/> are usable, else the error to print (e.g. "error: --block 0: block size must be 1..1048576 frames").</summary>
    public static string? Problem(TranscriptionOptions options)
    {
        try
        {
            options.Validate();
            return null;
        }
        catch (ArgumentOutOfRangeException e)
        {
            string problem = e.Message.Split(" (Parameter", 2)[0];
            return FlagOf(e.ParamName) is string flag ? $"error: {flag} {e.ActualValue}: {problem}" : $"error: {problem}";
        }
    }

    private static string? FlagOf(string? property) => property switch
    {
        nameof(TranscriptionOptions.BlockSize) => "--block",
        nameof(TranscriptionOptions.HostRate) => "--host-rate",
        nameof(TranscriptionOptions.DecoderLagFrames) => "--decoder-lag",
        _ => null,
    };
}
