using System.CommandLine;
using Audio2Midi.IO;
using Audio2Midi.Training.Synthesis;
using Spectre.Console;

namespace Audio2Midi.Training.Commands;

/// <summary>`a2m synth`: synthetic sung melodies with exact labels, as (wav, mid) pairs.</summary>
public static class SynthCommand
{
    public static Command Create()
    {
        var minutes = new Option<double>("--minutes") { Description = "Total minutes of audio to write (takes of 20-40 s each).", DefaultValueFactory = _ => 10 };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for the synth_NNNN.wav / .mid pairs, plus synth_NNNN.json describing each singer and room (created if missing).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed writes the same files.", DefaultValueFactory = _ => 1 };
        var rate = new Option<int>("--rate") { Description = "Sample rate of the WAV files, Hz.", DefaultValueFactory = _ => 16000 };
        var fluid = new Option<bool>("--fluidsynth") { Description = "Also render every melody through fluidsynth with a General MIDI voice program (fluid_NNNN.wav/.mid); needs the Debian packages fluidsynth and fluid-soundfont-gm." };
        var melisma = new Option<double>("--melisma") { Description = "The share of phrases (0-1) sung as a melisma: one vowel over a legato run of 4-10 fast notes (90-200 ms each), onsets that are pitch changes alone. 0 writes the same takes as before this option." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar or summary." };
        var command = new Command("synth", "Write synthetic singing (source-filter voice, vibrato, scoops, legato, consonants, breaths, reverb, noise) with exact MIDI labels.")
        {
            minutes, output, seed, rate, fluid, melisma, quiet,
        };
        command.SetAction(parse =>
        {
            double total = parse.GetValue(minutes);
            DirectoryInfo dir = parse.GetValue(output)!;
            int sampleRate = parse.GetValue(rate);
            if (!(total > 0 && total <= 10000)) { Console.Error.WriteLine("error: --minutes must be in (0, 10000]"); return 1; }
            if (sampleRate is < 8000 or > 96000) { Console.Error.WriteLine("error: --rate must be 8000..96000 Hz"); return 1; }
            double share = parse.GetValue(melisma);
            if (!(share >= 0 && share <= 1)) { Console.Error.WriteLine("error: --melisma must be a share of phrases, 0..1"); return 1; }
            var fluidSynth = parse.GetValue(fluid) ? FluidSynthRenderer.Find() : null;
            if (parse.GetValue(fluid) && fluidSynth is null)
            {
                Console.Error.WriteLine("error: --fluidsynth needs the `fluidsynth` program on PATH and a GM sound font (" + string.Join(" or ", FluidSynthRenderer.SoundFontCandidates) + "); install the Debian packages fluidsynth and fluid-soundfont-gm");
                return 1;
            }
            try
            {
                Directory.CreateDirectory(dir.FullName);
                return Run(dir.FullName, total, parse.GetValue(seed), sampleRate, fluidSynth, share, parse.GetValue(quiet));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or AudioFileException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static int Run(string dir, double minutes, int seed, int rate, (string Program, string SoundFont)? fluid, double melisma, bool quiet)
    {
        List<double> takes = SyntheticDatasetWriter.PlanTakes(minutes, seed);
        int notes = 0;
        void Work(Action<int> advance)
        {
            for (int i = 0; i < takes.Count; i++)
            {
                SyntheticTake take = SyntheticTake.Render(SyntheticDatasetWriter.TakeSeed(seed, i), takes[i], rate, melisma);
                (_, string mid) = SyntheticDatasetWriter.Write(dir, i, take);
                notes += take.Notes.Count;
                if (fluid is { } f)
                {
                    string stem = Path.Combine(dir, $"fluid_{i + 1:0000}");
                    int program = FluidSynthRenderer.VoicePrograms[i % FluidSynthRenderer.VoicePrograms.Length];
                    File.WriteAllBytes(stem + ".mid", FluidSynthRenderer.WithProgram(File.ReadAllBytes(mid), program));
                    FluidSynthRenderer.Render(f.Program, f.SoundFont, stem + ".mid", stem + ".wav", rate);
                }
                advance(i + 1);
            }
        }
        if (quiet || Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            Work(_ => { });
        else
            AnsiConsole.Progress().AutoClear(true).Start(context =>
            {
                var task = context.AddTask("synthesising", maxValue: takes.Count);
                Work(done => task.Value = done);
            });
        if (!quiet)
            Console.Error.WriteLine($"wrote {takes.Count} take(s), {minutes:0.##} min, {notes} notes, to {dir}" + (fluid is null ? "" : " (plus fluidsynth renderings)"));
        return 0;
    }
}
