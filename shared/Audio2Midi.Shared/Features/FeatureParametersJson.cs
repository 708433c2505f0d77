using System.Text;
using System.Text.Json;

namespace Audio2Midi.Features;

/// <summary>Reads and writes <see cref="FeatureParameters"/> as JSON without reflection (NativeAOT-safe).</summary>
public static class FeatureParametersJson
{
    public const string FileName = "features.json";

    public static void Write(string path, FeatureParameters p) => File.WriteAllText(path, ToJson(p));

    public static string ToJson(FeatureParameters p)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", p.Version);
            w.WriteStartObject("cqt");
            CqtSettings c = p.Cqt;
            w.WriteNumber("sample_rate", c.SampleRate);
            w.WriteNumber("hop_samples", c.HopSamples);
            w.WriteNumber("min_frequency_hz", c.MinFrequency);
            w.WriteNumber("bins_per_octave", c.BinsPerOctave);
            w.WriteNumber("bin_count", c.BinCount);
            w.WriteNumber("filter_scale", c.FilterScale);
            w.WriteNumber("max_kernel_samples", c.MaxKernelSamples);
            w.WriteNumber("kernel_tolerance", c.KernelTolerance);
            w.WriteNumber("latency_samples", c.LatencySamples);
            w.WriteEndObject();
            w.WriteNumber("log_floor_db", p.LogFloorDb);
            w.WriteStartObject("windows");
            w.WriteNumber("window_seconds", p.Windows.WindowSeconds);
            w.WriteNumber("overlap_seconds", p.Windows.OverlapSeconds);
            w.WriteEndObject();
            if (p.Normalization is { } n)
            {
                w.WriteStartObject("normalization");
                WriteArray(w, "mean", n.Mean);
                WriteArray(w, "std", n.Std);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static FeatureParameters Read(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a valid feature parameter file ({e.Message})", e);
        }
    }

    public static FeatureParameters Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        int version = root.GetProperty("version").GetInt32();
        if (version != FeatureParameters.CurrentVersion)
            throw new InvalidDataException($"feature parameters have version {version}; this build reads version {FeatureParameters.CurrentVersion}");
        JsonElement c = root.GetProperty("cqt");
        var cqt = new CqtSettings
        {
            SampleRate = c.GetProperty("sample_rate").GetInt32(),
            HopSamples = c.GetProperty("hop_samples").GetInt32(),
            MinFrequency = c.GetProperty("min_frequency_hz").GetDouble(),
            BinsPerOctave = c.GetProperty("bins_per_octave").GetInt32(),
            BinCount = c.GetProperty("bin_count").GetInt32(),
            FilterScale = c.GetProperty("filter_scale").GetDouble(),
            MaxKernelSamples = c.GetProperty("max_kernel_samples").GetInt32(),
            KernelTolerance = c.GetProperty("kernel_tolerance").GetDouble(),
        };
        cqt.Validate();
        JsonElement win = root.GetProperty("windows");
        FeatureNormalization? normalization = null;
        if (root.TryGetProperty("normalization", out JsonElement n))
            normalization = new FeatureNormalization(ReadArray(n.GetProperty("mean")), ReadArray(n.GetProperty("std")));
        if (normalization is not null && normalization.BinCount != cqt.BinCount)
            throw new InvalidDataException($"normalization has {normalization.BinCount} bins but the CQT has {cqt.BinCount}");
        return new FeatureParameters
        {
            Version = version,
            Cqt = cqt,
            LogFloorDb = root.GetProperty("log_floor_db").GetDouble(),
            Windows = new WindowSettings
            {
                WindowSeconds = win.GetProperty("window_seconds").GetDouble(),
                OverlapSeconds = win.GetProperty("overlap_seconds").GetDouble(),
            },
            Normalization = normalization,
        };
    }

    private static void WriteArray(Utf8JsonWriter w, string name, float[] values)
    {
        w.WriteStartArray(name);
        foreach (float v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private static float[] ReadArray(JsonElement e)
    {
        var values = new float[e.GetArrayLength()];
        int i = 0;
        foreach (JsonElement v in e.EnumerateArray()) values[i++] = v.GetSingle();
        return values;
    }
}
