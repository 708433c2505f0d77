using Audio2Midi.Dsp;
using Audio2Midi.Engine;
using Audio2Midi.IO;
using Audio2Midi.Pitch;

namespace Audio2Midi.Training.Evaluation;

/// <summary>A pitch frame and when the live engine has it: the time (seconds of the recording) of the newest input sample it needed.</summary>
public readonly record struct TimedPitchFrame(PitchFrame Frame, double AvailableSeconds)
{
    /// <summary>End of the frame's analysis window, seconds of the recording (the engine's resampler delay not counted).</summary>
    public double WindowEndSeconds(PyinSettings settings) => (double)Frame.EndSample / settings.SampleRate;
}

/// <summary>
/// The frame-by-frame pitch track the live engine decides notes from: the recording through the
/// engine's own resampler and streaming pYIN, exactly as <see cref="PyinNoteEngine"/> runs them.
/// </summary>
public static class LivePitchTrack
{
    /// <exception cref="AudioFileException">The file cannot be read.</exception>
    public static void Read(AudioFileReader reader, PyinSettings settings, Action<TimedPitchFrame> onFrame)
    {
        var tracker = new PyinPitchTracker(settings);
        var resampler = PyinNoteEngine.CreateResampler(reader.SampleRate, settings, 4096);
        var input = new float[4096];
        var output = new float[resampler.MaxOutputCount(input.Length)];
        int n;
        while ((n = reader.ReadMono(input)) > 0)
        {
            for (int i = 0; i < n; i++) input[i] = SampleSanitizer.Clean(input[i]);
            int produced = resampler.Process(input.AsSpan(0, n), output);
            for (int i = 0; i < produced; i++)
            {
                if (!tracker.Push(output[i], out PitchFrame frame)) continue;
                // The frame's newest internal sample is frame.EndSample - 1; the input sample that completes it arrives at:
                double available = (resampler.InputIndexProducing(frame.EndSample - 1) + 1) / (double)reader.SampleRate;
                onFrame(new TimedPitchFrame(frame, available));
            }
        }
    }

    /// <exception cref="AudioFileException">The file cannot be read.</exception>
    public static List<TimedPitchFrame> Read(string path, PyinSettings settings)
    {
        using AudioFileReader reader = AudioFileReader.Open(path);
        var frames = new List<TimedPitchFrame>();
        Read(reader, settings, frames.Add);
        return frames;
    }
}
