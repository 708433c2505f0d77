using System.Diagnostics;

namespace Audio2Midi.Training.Synthesis;

/// <summary>
/// Optional second source of training audio: renders a .mid through the `fluidsynth` program with a General MIDI
/// sound font (Debian packages fluidsynth and fluid-soundfont-gm). Used only when both are installed.
/// </summary>
public static class FluidSynthRenderer
{
    public static readonly string[] SoundFontCandidates = ["/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/sounds/sf2/default-GM.sf2", "/usr/share/sounds/sf2/TimGM6mb.sf2"];

    /// <summary>Path of fluidsynth and a GM sound font, or null when either is missing.</summary>
    public static (string Program, string SoundFont)? Find()
    {
        string? program = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "fluidsynth")).FirstOrDefault(File.Exists);
        string? font = SoundFontCandidates.FirstOrDefault(File.Exists);
        return program is null || font is null ? null : (program, font);
    }

    /// <summary>General MIDI voice programs (0-based): choir aahs, voice oohs, synth voice.</summary>
    public static readonly int[] VoicePrograms = [52, 53, 54];

    /// <summary>
    /// A copy of a Standard MIDI File with a program change to <paramref name="program"/> on channel 1 at the
    /// start of its last track (the note track our writer produces), so fluidsynth plays a GM voice instead of a piano.
    /// </summary>
    public static byte[] WithProgram(byte[] midi, int program)
    {
        int position = 14, lastTrack = -1;
        while (position + 8 <= midi.Length)
        {
            int length = (midi[position + 4] << 24) | (midi[position + 5] << 16) | (midi[position + 6] << 8) | midi[position + 7];
            if (midi[position] == (byte)'M' && midi[position + 1] == (byte)'T' && midi[position + 2] == (byte)'r' && midi[position + 3] == (byte)'k') lastTrack = position;
            position += 8 + length;
        }
        if (lastTrack < 0) throw new InvalidDataException("no track chunk in the MIDI data");
        int oldLength = (midi[lastTrack + 4] << 24) | (midi[lastTrack + 5] << 16) | (midi[lastTrack + 6] << 8) | midi[lastTrack + 7];
        int newLength = oldLength + 3;
        var output = new List<byte>(midi.Length + 3);
        output.AddRange(midi.AsSpan(0, lastTrack + 4).ToArray());
        output.AddRange([(byte)(newLength >> 24), (byte)(newLength >> 16), (byte)(newLength >> 8), (byte)newLength]);
        output.AddRange([0x00, 0xC0, (byte)program]); // delta 0, program change, channel 1
        output.AddRange(midi.AsSpan(lastTrack + 8).ToArray());
        return [.. output];
    }

    /// <summary>Renders <paramref name="midiPath"/> to a 16-bit stereo WAV (fluidsynth's output; the importer mixes it down) at <paramref name="sampleRate"/> Hz; throws with fluidsynth's stderr on failure.</summary>
    public static void Render(string program, string soundFont, string midiPath, string wavPath, int sampleRate)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-ni", "-g", "0.6", "-r", sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-F", wavPath, "-O", "s16", "-T", "wav", soundFont, midiPath })
            start.ArgumentList.Add(a);
        using Process process = Process.Start(start) ?? throw new IOException($"could not start {program}");
        string error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(wavPath))
            throw new IOException($"fluidsynth failed on {midiPath} (exit {process.ExitCode}): {error.Trim()}");
    }
}
