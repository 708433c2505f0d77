using System.CommandLine;
using System.Globalization;
using Audio2Midi.IO;
using Audio2Midi.Pitch;
using Audio2Midi.Training.Evaluation;

namespace Audio2Midi.Training.Commands;

/// <summary>`a2m pitch`: the frame-by-frame pitch track the live engine decides notes from, as CSV.</summary>
public static class PitchCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("input") { Description = "Audio file (WAV, or anything ffmpeg reads when it is on PATH)." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "CSV to write (default: standard output). Columns: time_s (end of the frame's window), voiced, midi, f0_hz, voiced_prob, level_db." };
        var lag = new Option<int>("--decoder-lag") { Description = "Frames (5 ms each) the HMM decoder looks ahead; 0 is what the live engine uses.", DefaultValueFactory = _ => 0 };
        var command = new Command("pitch", "Write the streaming pYIN pitch track of a recording (one row per 5 ms frame).") { input, output, lag };
        command.SetAction(parse =>
        {
            FileInfo file = parse.GetValue(input)!;
            FileInfo? csv = parse.GetValue(output);
            try
            {
                var settings = new PyinSettings { DecoderLagFrames = parse.GetValue(lag) };
                using AudioFileReader reader = AudioFileReader.Open(file.FullName);
                using TextWriter writer = csv is null ? Console.Out : new StreamWriter(csv.FullName);
                Write(reader, settings, writer);
                return 0;
            }
            catch (Exception e) when (e is AudioFileException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static void Write(AudioFileReader reader, PyinSettings settings, TextWriter writer)
    {
        writer.WriteLine("time_s,voiced,midi,f0_hz,voiced_prob,level_db");
        LivePitchTrack.Read(reader, settings, timed =>
        {
            PitchFrame f = timed.Frame;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{timed.WindowEndSeconds(settings):0.####},{(f.Voiced ? 1 : 0)},{f.Midi:0.###},{PitchMath.MidiToHz(f.Midi):0.##},{f.VoicedProbability:0.###},{f.LevelDb:0.#}"));
        });
    }
}
