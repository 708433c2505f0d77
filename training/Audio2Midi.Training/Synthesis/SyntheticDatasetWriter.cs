using System.Text.Json;
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
        File.WriteAllText(stem + ".json", SingerJson(take.Singer));
        return (stem + ".wav", stem + ".mid");
    }

    /// <summary>The singer and room of a take (register, vibrato, reverb, SNR), written next to it for inspection.</summary>
    public static string SingerJson(SingerProfile s)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("register", s.Register.Name);
            w.WriteNumber("low_pitch", s.Register.LowPitch);
            w.WriteNumber("high_pitch", s.Register.HighPitch);
            w.WriteNumber("open_quotient", s.OpenQuotient);
            w.WriteNumber("vibrato_hz", s.VibratoHz);
            w.WriteNumber("vibrato_semitones", s.VibratoSemitones);
            w.WriteNumber("drift_semitones", s.DriftSemitones);
            w.WriteNumber("breath_level", s.BreathLevel);
            w.WriteNumber("reverb_rt60_s", s.ReverbRt60);
            w.WriteNumber("reverb_wet", s.ReverbWet);
            w.WriteNumber("snr_db", s.SnrDb);
            w.WriteNumber("bpm", s.Bpm);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
