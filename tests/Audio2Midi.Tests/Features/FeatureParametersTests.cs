using Audio2Midi.Features;

namespace Audio2Midi.Tests.Features;

public class FeatureParametersTests
{
    [Fact]
    public void JsonRoundTripKeepsEveryParameter()
    {
        var p = new FeatureParameters
        {
            Cqt = new CqtSettings { HopSamples = 96, MaxKernelSamples = 2048, BinCount = 200 },
            LogFloorDb = -90,
            Windows = new WindowSettings { WindowSeconds = 3, OverlapSeconds = 1 },
            Normalization = new FeatureNormalization(Enumerable.Range(0, 200).Select(i => -50f + i * 0.1f).ToArray(), Enumerable.Repeat(7.25f, 200).ToArray()),
        };
        string path = Path.Combine(Path.GetTempPath(), $"features-{Guid.NewGuid():N}.json");
        try
        {
            FeatureParametersJson.Write(path, p);
            FeatureParameters back = FeatureParametersJson.Read(path);
            Assert.Equal(p.Cqt, back.Cqt);
            Assert.Equal(p.Windows, back.Windows);
            Assert.Equal(p.LogFloorDb, back.LogFloorDb);
            Assert.Equal(p.Normalization.Mean, back.Normalization!.Mean);
            Assert.Equal(p.Normalization.Std, back.Normalization.Std);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void OtherVersionIsAClearError()
    {
        string json = FeatureParametersJson.ToJson(new FeatureParameters()).Replace("\"version\": 1", "\"version\": 99");
        var e = Assert.Throws<InvalidDataException>(() => FeatureParametersJson.Parse(json));
        Assert.Contains("version 99", e.Message);
    }

    [Fact]
    public void LogMagnitudeUsesAFixedReference()
    {
        float[] v = [0.5f, 0.05f, 0f];
        LogMagnitude.Apply(v);
        Assert.Equal(0, v[0], 4);      // a full-scale sine reads 0.5 -> 0 dB
        Assert.Equal(-20, v[1], 4);
        Assert.Equal(-100, v[2], 4);   // the floor
    }

    [Fact]
    public void NormalizationStatisticsComeFromWhatWasAccumulated()
    {
        var acc = new NormalizationAccumulator(2);
        acc.Add([1f, 10f, 3f, 10f]);
        FeatureNormalization n = acc.ToNormalization();
        Assert.Equal([2f, 10f], n.Mean);
        Assert.Equal(1f, n.Std[0], 5);
        Assert.Equal(1f, n.Std[1]); // no spread: std 1, never a division by zero
        float[] frame = [3f, 12f];
        n.Apply(frame);
        Assert.Equal([1f, 2f], frame);
        Assert.Throws<InvalidOperationException>(() => new NormalizationAccumulator(2).ToNormalization());
    }
}
