using Audio2Midi.IO;
using Audio2Midi.Midi;
using Audio2Midi.Training.Synthesis;

namespace Audio2Midi.Tests.Datasets;

/// <summary>A temporary folder of synthetic (wav, mid) pairs, good and broken, deleted afterwards.</summary>
public sealed class DatasetFolder : IDisposable
{
    public DatasetFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"a2m-dataset-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a synthetic take as NAME.wav/NAME.mid (or the given names); labels optionally transposed.</summary>
    public SyntheticTake AddTake(string wavName, string midName, int seed, double seconds = 8, int rate = 16000, int labelShift = 0)
    {
        SyntheticTake take = SyntheticTake.Render(seed, seconds, rate);
        WavFile.Write(File(wavName), take.Audio, rate);
        MidiFileWriter.Write(File(midName), take.Labels.Select(n => n with { Pitch = n.Pitch + labelShift }).ToList());
        return take;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
