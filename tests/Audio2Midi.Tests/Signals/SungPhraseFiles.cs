using Audio2Midi.IO;
using Audio2Midi.Notes;
using Audio2Midi.Training.Evaluation;

namespace Audio2Midi.Tests.Signals;

/// <summary>
/// A generated sung phrase written as a training pair (take.wav at 44.1 kHz with vibrato, take.notes.csv) in a
/// temporary folder that goes when disposed: what the augmentation tests render through `F0Dataset.Render`.
/// </summary>
public sealed class SungPhraseFiles : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "a2m-phrase-" + Guid.NewGuid().ToString("N"));

    /// <summary>Five 0.4 s notes, 0.1 s apart, two of them between semitones.</summary>
    public static readonly double[] Pitches = [57, 62, 66.3, 69, 63.6];

    public SungPhraseFiles()
    {
        Directory.CreateDirectory(_folder);
        Sung = Pitches.Select((p, i) => new SungNote(0.3 + 0.5 * i, 0.7 + 0.5 * i, p)).ToArray();
        Wav = Path.Combine(_folder, "take.wav");
        Csv = Path.Combine(_folder, "take.notes.csv");
        WavFile.Write(Wav, TestSignals.Sing(Sung, 3.0, 44100, new VoiceOptions { VibratoHz = 5, VibratoSemitones = 0.2 }), 44100, WavSampleFormat.Float32);
        NoteCsv.Write(Csv, Sung.Select(n => new ScoredNote(n.Onset, n.Offset, n.Midi)));
    }

    public SungNote[] Sung { get; }

    public string Wav { get; }

    public string Csv { get; }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
    }
}
