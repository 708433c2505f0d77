using Audio2Midi.Midi;

namespace Audio2Midi.Training.Synthesis;

/// <summary>One rendered synthetic recording: the audio and its exact note labels.</summary>
public sealed record SyntheticTake(float[] Audio, int SampleRate, IReadOnlyList<SungNote> Notes, SingerProfile Singer)
{
    public IReadOnlyList<MidiNote> Labels => Notes.Select(n => new MidiNote(n.Onset, n.Offset, n.Pitch, Math.Clamp((int)(40 + 80 * n.Loudness), 1, 127))).ToList();

    /// <summary>A take of <paramref name="seconds"/> seconds; the same seed gives the same samples.</summary>
    /// <param name="melisma">The share of phrases sung as melismas (<see cref="MelodyGenerator.Generate"/>).</param>
    public static SyntheticTake Render(int seed, double seconds, int sampleRate, double melisma = 0)
    {
        var random = new Random(seed);
        SingerProfile singer = SingerProfile.Random(random);
        List<SungNote> notes = MelodyGenerator.Generate(singer, seconds, random, melisma);
        float[] audio = VoiceSynthesizer.Render(notes, singer, seconds, sampleRate, random);
        return new SyntheticTake(audio, sampleRate, notes, singer);
    }
}
