using Audio2Midi.IO;
using Audio2Midi.Midi;

namespace Audio2Midi.Training.Synthesis;

/// <summary>Writes synthetic takes as (synth_NNNN.wav, synth_NNNN.mid) pairs until the requested minutes are reached.</summary>
public static class SyntheticDatasetWriter
{
    public const double MinTakeSeconds = 20;
    public const double MaxTakeSeconds = 40;

    /// <summary>Take lengths for <paramref name="minutes"/> minutes, drawn from the seed (the last one fills the rest).</summary>
    public static List<double> PlanTakes(double minutes, int seed)
    {
        var random = new Random(seed);
        var lengths = new List<double>();
        double remaining = minutes * 60;
        while (remaining > 1e-9)
        {
            double seconds = MinTakeSeconds + (MaxTakeSeconds - MinTakeSeconds) * random.NextDouble();
            if (remaining - seconds < MinTakeSeconds / 2) seconds = remaining;
            lengths.Add(Math.Max(2, seconds));
            remaining -= seconds;
        }
        return lengths;
    }

    /// <summary>Take <paramref name="index"/>'s own seed, so each file can be regenerated alone.</summary>
    public static int TakeSeed(int seed, int index) => unchecked(seed * 7919 + index * 104729 + 17);

    public static (string Wav, string Mid) Write(string directory, int index, SyntheticTake take)
    {
        string stem = Path.Combine(directory, $"synth_{index + 1:0000}");
        WavFile.Write(stem + ".wav", take.Audio, take.SampleRate);
        MidiFileWriter.Write(stem + ".mid", take.Labels);
        return (stem + ".wav", stem + ".mid");
    }
}
