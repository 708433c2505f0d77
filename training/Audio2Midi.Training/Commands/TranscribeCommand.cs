using System.CommandLine;
using Audio2Midi.IO;
using Audio2Midi.Midi;
using Audio2Midi.Models;
using Audio2Midi.Notes;
using Audio2Midi.Placement;
using Audio2Midi.Presets;
using Audio2Midi.Training.Evaluation;
using Audio2Midi.Transcription;
using Spectre.Console;

namespace Audio2Midi.Training.Commands;

/// <summary>`a2m transcribe`: a recording to a .mid (and/or a note CSV) through the plugin's own engine.</summary>
public static class TranscribeCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("input") { Description = "Audio file: WAV (PCM 8-32 bit, float 32/64, any channels), or FLAC/MP3/OGG... when ffmpeg is on PATH." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "MIDI file to write (default: the input's name with .mid, unless only --csv is given)." };
        var csv = new Option<FileInfo?>("--csv") { Description = "Also write the notes as CSV: onset_s,offset_s,midi_pitch." };
        var live = new Option<bool>("--live") { Description = $"Reproduce exactly what the plugin emits when the file plays through it at the --latency step. Without it the engine decides as at the longest step ({LatencySteps.MaxMs} ms), an f0 model names each note by the median f0 over all of it, and notes are placed where they were sung (measured at least as good as every step on vocadito and held-out hust-solfege: docs/measurements.md)." };
        var hostRate = new Option<int>("--host-rate") { Description = "Host sample rate for --live (the file is resampled to it first, as a DAW would).", DefaultValueFactory = _ => 48000 };
        var block = new Option<int>("--block") { Description = "Host block size in frames for --live.", DefaultValueFactory = _ => 128 };
        var transpose = new Option<int>("--transpose") { Description = "Semitones added to every note." };
        var sensitivity = new Option<double>("--sensitivity") { Description = "0..1: higher catches quieter, breathier singing (and more noise).", DefaultValueFactory = _ => 0.5 };
        var minNote = new Option<double>("--min-note-ms") { Description = "Shortest note, in milliseconds.", DefaultValueFactory = _ => 40 };
        var scale = new Option<Scale>("--scale") { Description = "Snap notes to a scale (Chromatic = no snapping).", DefaultValueFactory = _ => Scale.Chromatic };
        var key = new Option<int>("--key") { Description = "Key of --scale as a pitch class: 0 = C, 1 = C#, ... 11 = B." };
        var bend = new Option<bool>("--pitch-bend") { Description = "Add a pitch-bend stream that follows vibrato and glides." };
        var bendRange = new Option<double>("--bend-range") { Description = "Pitch-bend range of the receiving synth, semitones.", DefaultValueFactory = _ => 2 };
        var velocity = new Option<int?>("--velocity") { Description = "Fixed velocity 1..127 (default: from the sung loudness)." };
        var followTuning = new Option<bool>("--follow-tuning") { Description = "Round pitches to notes relative to the singer's own tuning (followed over the last seconds) instead of A = 440 Hz (the default: notes named by the pitch that was sung)." };
        var latency = new Option<int>("--latency")
        {
            Description = $"With --live: the plugin's Latency step in ms ({LatencySteps.List}; 0 = Instant). Notes leave the plugin this long after they were sung "
                + "(or as soon as they are decided, if later), and are written where a host that compensates the plugin's latency records them.",
        };
        var lag = new Option<int?>("--decoder-lag") { Description = "pYIN's: frames (5 ms each) its pitch decoder waits before deciding (default 0: what every Latency step and offline use). Without --model or --preset it runs pYIN." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar or summary." };
        var model = new Option<FileInfo?>("--model", "-m") { Description = "Run an exported model (MODEL.onnx with its MODEL.json from `a2m export`) instead of the default preset, through ONNX Runtime; --live and --latency apply as for pYIN." };

        var presets = new PresetOption();
        var command = new Command("transcribe", "Turn a singing recording into MIDI notes with the live engine.")
        {
            input, output, csv, live, latency, model, presets.Preset, presets.PyinPitch, hostRate, block, transpose, sensitivity, minNote, scale, key, bend, bendRange, velocity, followTuning, lag, quiet,
        };
        command.SetAction(parse =>
        {
            FileInfo file = parse.GetValue(input)!;
            FileInfo? csvFile = parse.GetValue(csv);
            FileInfo? midiFile = parse.GetValue(output) ?? (csvFile is null ? new FileInfo(Path.ChangeExtension(file.FullName, ".mid")) : null);
            int? fixedVelocity = parse.GetValue(velocity);
            var notes = new NoteSettings
            {
                Transpose = parse.GetValue(transpose),
                Sensitivity = parse.GetValue(sensitivity),
                MinNoteMs = parse.GetValue(minNote),
                Scale = parse.GetValue(scale),
                Key = parse.GetValue(key),
                PitchBendEnabled = parse.GetValue(bend),
                PitchBendRangeSemitones = parse.GetValue(bendRange),
                VelocityMode = fixedVelocity is null ? VelocityMode.Loudness : VelocityMode.Fixed,
                FixedVelocity = fixedVelocity ?? 100,
                AutoTuning = parse.GetValue(followTuning),
            };
            int latencyMs = parse.GetValue(latency);
            if (LatencyOption.Problem(latencyMs, parse.GetValue(live)) is string problem)
            {
                Console.Error.WriteLine(problem);
                return 1;
            }
            if (!presets.TryResolve(parse, parse.GetValue(model), out string? modelPath, out bool pyinPitch, out string? presetError, pyinOption: parse.GetValue(lag) is not null))
            {
                Console.Error.WriteLine(presetError);
                return 1;
            }
            var options = new TranscriptionOptions
            {
                DecoderLagFrames = parse.GetValue(lag),
                LatencyMs = latencyMs,
                Live = parse.GetValue(live),
                HostRate = parse.GetValue(hostRate),
                BlockSize = parse.GetValue(block),
                Notes = notes,
                ModelPath = modelPath,
                PyinPitch = pyinPitch,
            };
            if (TranscriptionOptionsCheck.Problem(options) is string optionsProblem)
            {
                Console.Error.WriteLine(optionsProblem);
                return 1;
            }
            return Run(file, midiFile, csvFile, options, parse.GetValue(quiet));
        });
        return command;
    }

    private static int Run(FileInfo input, FileInfo? midiFile, FileInfo? csvFile, TranscriptionOptions options, bool quiet)
    {
        try
        {
            if (options.Notes.Key is < 0 or > 11) throw new ArgumentOutOfRangeException("--key", options.Notes.Key, "key must be 0..11");
            if (options.Notes.FixedVelocity is < 1 or > 127) throw new ArgumentOutOfRangeException("--velocity", options.Notes.FixedVelocity, "velocity must be 1..127");
            if (options.Notes.Sensitivity is < 0 or > 1) throw new ArgumentOutOfRangeException("--sensitivity", options.Notes.Sensitivity, "sensitivity must be 0..1");
            TranscriptionResult result = Transcribe(input, options, quiet);
            foreach (string warning in result.Warnings) Console.Error.WriteLine($"warning: {warning}");
            if (midiFile is not null) MidiFileWriter.Write(midiFile.FullName, result.Notes, options.Notes.PitchBendEnabled ? result.PitchBends : null);
            if (csvFile is not null) NoteCsv.Write(csvFile.FullName, result.Notes.Select(n => new ScoredNote(n.OnsetSeconds, n.OffsetSeconds, n.Pitch)));
            if (!quiet)
            {
                string mode = options.Live
                    ? $"live at {options.HostRate} Hz in {options.BlockSize}-frame blocks, Latency {LatencySteps.Name(options.LatencyMs)}; notes as a compensating host records them"
                    : "offline, notes where they were sung";
                string engine = options.ModelPath is null ? PresetEntry.PyinName : ModelManifestJson.Read(ModelPreset.ManifestPathOf(options.ModelPath)).Name;   // --model names the .onnx
                Console.Error.WriteLine($"{input.Name}: {result.Notes.Count} notes in {result.DurationSeconds:0.0} s by {engine} ({mode})");
                if (midiFile is not null) Console.Error.WriteLine($"wrote {midiFile.FullName}");
                if (csvFile is not null) Console.Error.WriteLine($"wrote {csvFile.FullName}");
            }
            return 0;
        }
        catch (Exception e) when (e is AudioFileException or IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static TranscriptionResult Transcribe(FileInfo input, TranscriptionOptions options, bool quiet)
    {
        if (quiet || Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return FileTranscriber.Transcribe(input.FullName, options);
        TranscriptionResult? result = null;
        AnsiConsole.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask($"transcribing {Markup.Escape(input.Name)}", maxValue: 1.0);
            var progress = new SynchronousProgress<double>(v => task.Value = v);
            result = FileTranscriber.Transcribe(input.FullName, options, progress);
        });
        return result!;
    }

}
