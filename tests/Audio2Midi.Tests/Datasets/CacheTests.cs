using Audio2Midi.Features;
using Audio2Midi.Labels;
using Audio2Midi.Midi;
using Audio2Midi.Training.Datasets;

namespace Audio2Midi.Tests.Datasets;

public class CacheTests
{
    private static FrameLabels Labels(int frames) =>
        FrameLabeler.Label([new MidiNote(0.05, 0.2, 60), new MidiNote(0.2, 0.3, 72)], frames, 100, new LabelSettings());

    private static string WriteCache(string dir, out float[] features, out FrameLabels labels)
    {
        var parameters = new FeatureParameters { Normalization = FeatureNormalization.Identity(216) };
        FeatureParametersJson.Write(Path.Combine(dir, FeatureParametersJson.FileName), parameters);
        features = Enumerable.Range(0, 40 * 216).Select(i => (float)Math.Sin(i * 0.01)).ToArray();
        labels = Labels(40);
        string path = Path.Combine(dir, CacheFormat.DataFileName);
        using (var writer = new CacheWriter(path, 216, labels.Settings, 160, 16000))
        {
            writer.Add("first", "first.wav", SplitName.Train, features, labels, 2);
            writer.Add("second", "second.wav", SplitName.Test, features, labels, 2);
            writer.Complete();
        }
        return path;
    }

    [Fact]
    public void RoundTripGivesBackFeaturesAndLabels()
    {
        using var dir = new DatasetFolder();
        WriteCache(dir.Path, out float[] features, out FrameLabels labels);
        using CacheReader reader = CacheReader.Open(dir.Path);
        Assert.Equal(["first", "second"], reader.Recordings.Select(r => r.Name));
        CachedRecording second = reader.Find("second");
        Assert.Equal(SplitName.Test, second.Split);
        var back = new float[10 * 216];
        reader.ReadFeatures(second, 5, 10, back, normalize: false);
        Assert.Equal(features.AsSpan(5 * 216, 10 * 216).ToArray(), back);
        FrameLabels l = reader.ReadLabels(second);
        Assert.Equal(labels.Onset, l.Onset);
        Assert.Equal(labels.Frame, l.Frame);
        Assert.Equal(labels.Offset, l.Offset);
        Assert.Equal(labels.Class, l.Class);
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadFeatures(second, 35, 10, new float[10 * 216], false));
        Assert.Throws<KeyNotFoundException>(() => reader.Find("third"));
    }

    [Fact]
    public void OtherFormatVersionIsAClearError()
    {
        using var dir = new DatasetFolder();
        string path = WriteCache(dir.Path, out _, out _);
        byte[] bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(CacheFormat.Version + 1).CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => CacheReader.Open(dir.Path));
        Assert.Contains($"version {CacheFormat.Version + 1}", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void MismatchedFeatureParametersAndMissingFilesAreClearErrors()
    {
        using var dir = new DatasetFolder();
        WriteCache(dir.Path, out _, out _);
        FeatureParametersJson.Write(Path.Combine(dir.Path, FeatureParametersJson.FileName), new FeatureParameters { Cqt = new CqtSettings { HopSamples = 96 } });
        Assert.Contains("hop", Assert.Throws<InvalidDataException>(() => CacheReader.Open(dir.Path)).Message);
        using var empty = new DatasetFolder();
        Assert.Contains("not a dataset cache", Assert.Throws<InvalidDataException>(() => CacheReader.Open(empty.Path)).Message);
    }
}
