using System.Text;
using System.Text.Json;
using Audio2Midi.Features;

namespace Audio2Midi.Models;

/// <summary>Reads and writes <see cref="ModelManifest"/> without reflection (NativeAOT-safe, like <see cref="FeatureParametersJson"/>).</summary>
public static class ModelManifestJson
{
    public static string ToJson(ModelManifest m)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("format", m.Format);
            w.WriteString("name", m.Name);
            w.WriteString("kind", m.Kind);
            w.WriteBoolean("live", m.Live);
            w.WriteNumber("look_ahead_frames", m.LookAheadFrames);
            w.WriteNumber("window_frames", m.WindowFrames);
            w.WriteNumber("latency_ms", Math.Round(m.LatencyMs, 3));
            w.WriteString("onnx_file", m.OnnxFile);
            w.WriteString("onnx_sha256", m.OnnxSha256);
            w.WriteNumber("min_pitch", m.MinPitch);
            w.WriteNumber("pitches", m.Pitches);
            w.WriteStartObject("decoder");
            w.WriteNumber("onset_threshold", m.Decoder.OnsetThreshold);
            w.WriteNumber("frame_threshold", m.Decoder.FrameThreshold);
            w.WriteNumber("frame_off_threshold", m.Decoder.FrameOffThreshold);
            w.WriteNumber("frame_start_frames", m.Decoder.FrameStartFrames);
            w.WriteNumber("release_frames", m.Decoder.ReleaseFrames);
            w.WriteNumber("onset_settle_frames", m.Decoder.OnsetSettleFrames);
            w.WriteNumber("repitch_within_frames", m.Decoder.RepitchWithinFrames);
            w.WriteEndObject();
            w.WriteStartArray("trained_on");
            foreach (string s in m.TrainedOn) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteStartObject("validation");
            foreach ((string k, double v) in m.Validation) w.WriteNumber(k, v);
            w.WriteEndObject();
            w.WriteString("producer", m.Producer);
            if (m.Features is not null)
            {
                w.WritePropertyName("features");
                w.WriteRawValue(FeatureParametersJson.ToJson(m.Features));
            }
            if (m.F0 is not null) WriteInts(w, "f0_head_delay_frames", m.F0.DelayFrames);
            if (m.F0 is not null && m.F0Features != F0FeatureSet.Pitch) w.WriteString("f0_features", m.F0Features.Name());
            if (m.F0OnsetThresholds is not null)
            {
                w.WriteStartArray("f0_onset_thresholds");
                foreach (double v in m.F0OnsetThresholds) w.WriteNumberValue(v);
                w.WriteEndArray();
            }
            if (m.F0FrameStartFrames is not null) WriteInts(w, "f0_frame_start_frames", m.F0FrameStartFrames);
            if (m.F0PitchFromFrames is not null) WriteInts(w, "f0_pitch_from_frames", m.F0PitchFromFrames);
            if (m.F0MoveFrames is not null) WriteInts(w, "f0_move_frames", m.F0MoveFrames);
            if (m.F0MoveNameFrames is not null) WriteInts(w, "f0_move_name_frames", m.F0MoveNameFrames);
            if (m.F0MoveSlowFrames is not null) WriteInts(w, "f0_move_slow_frames", m.F0MoveSlowFrames);
            if (m.F0ReadDelta is not null) WriteInts(w, "f0_read_delta", m.F0ReadDelta);
            if (m.F0FillInFrom is not null) WriteInts(w, "f0_fill_in_from", m.F0FillInFrom);
            if (m.F0CutAtFillIn is not null) WriteInts(w, "f0_cut_at_fill_in", m.F0CutAtFillIn);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>An f0 model's per-head whole numbers, as a JSON array.</summary>
    private static void WriteInts(Utf8JsonWriter w, string name, IEnumerable<int> values)
    {
        w.WriteStartArray(name);
        foreach (int v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    /// <summary>An f0 model's per-head whole numbers (null when the manifest has none).</summary>
    private static int[]? IntsOf(JsonElement r, string name) =>
        r.TryGetProperty(name, out JsonElement array) ? array.EnumerateArray().Select(e => e.GetInt32()).ToArray() : null;

    public static void Write(string path, ModelManifest m) => File.WriteAllText(path, ToJson(m));

    /// <summary>Reads and validates a manifest; any problem is an <see cref="InvalidDataException"/> naming the file.</summary>
    public static ModelManifest Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the manifest ({e.Message})", e);
        }
        try
        {
            ModelManifest m = Parse(text);
            m.Validate(path);
            return m;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: not a valid model manifest ({e.Message})", e);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>An f0 model's feature set; absent (every model before 2026-12-04): the f0 features alone.</summary>
    private static F0FeatureSet FeatureSetOf(JsonElement r)
    {
        if (!r.TryGetProperty("f0_features", out JsonElement e)) return F0FeatureSet.Pitch;
        string? name = e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText();
        return F0FeatureSets.Parse(name)
            ?? throw new InvalidDataException($"f0_features \"{name}\" is not a feature set this build reads (pitch, pitch+spectrum); update Audio2Midi");
    }

    public static ModelManifest Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        JsonElement r = doc.RootElement;
        int format = r.GetProperty("format").GetInt32();
        if (format > ModelManifest.CurrentFormat)
            throw new InvalidDataException($"manifest format {format} is newer than this build reads ({ModelManifest.CurrentFormat}); update Audio2Midi");
        JsonElement d = r.GetProperty("decoder");
        return new ModelManifest
        {
            Format = format,
            Name = r.GetProperty("name").GetString()!,
            Kind = r.GetProperty("kind").GetString()!,
            Live = r.GetProperty("live").GetBoolean(),
            LookAheadFrames = r.GetProperty("look_ahead_frames").GetInt32(),
            WindowFrames = r.TryGetProperty("window_frames", out JsonElement window) ? window.GetInt32() : 0,
            OnnxFile = r.GetProperty("onnx_file").GetString()!,
            OnnxSha256 = r.GetProperty("onnx_sha256").GetString()!,
            MinPitch = r.GetProperty("min_pitch").GetInt32(),
            Pitches = r.GetProperty("pitches").GetInt32(),
            Decoder = new DecoderSettings
            {
                OnsetThreshold = d.GetProperty("onset_threshold").GetDouble(),
                FrameThreshold = d.GetProperty("frame_threshold").GetDouble(),
                FrameOffThreshold = d.GetProperty("frame_off_threshold").GetDouble(),
                FrameStartFrames = d.GetProperty("frame_start_frames").GetInt32(),
                ReleaseFrames = d.TryGetProperty("release_frames", out JsonElement release) ? release.GetInt32() : 1,
                OnsetSettleFrames = d.TryGetProperty("onset_settle_frames", out JsonElement settle) ? settle.GetInt32() : 1,
                RepitchWithinFrames = d.TryGetProperty("repitch_within_frames", out JsonElement repitch) ? repitch.GetInt32() : 0,
            },
            TrainedOn = r.GetProperty("trained_on").EnumerateArray().Select(e => e.GetString() ?? "").ToArray(),
            Validation = r.GetProperty("validation").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()),
            Producer = r.TryGetProperty("producer", out JsonElement p) ? p.GetString() ?? "" : "",
            Features = r.TryGetProperty("features", out JsonElement features) ? FeatureParametersJson.Parse(features.GetRawText()) : null,
            F0 = IntsOf(r, "f0_head_delay_frames") is { } delays ? new F0Heads(delays) : null,
            F0OnsetThresholds = r.TryGetProperty("f0_onset_thresholds", out JsonElement onsets) ? onsets.EnumerateArray().Select(e => e.GetDouble()).ToArray() : null,
            F0FrameStartFrames = IntsOf(r, "f0_frame_start_frames"),
            F0PitchFromFrames = IntsOf(r, "f0_pitch_from_frames"),
            F0MoveFrames = IntsOf(r, "f0_move_frames"),
            F0MoveNameFrames = IntsOf(r, "f0_move_name_frames"),
            F0MoveSlowFrames = IntsOf(r, "f0_move_slow_frames"),
            F0ReadDelta = IntsOf(r, "f0_read_delta"),
            F0FillInFrom = IntsOf(r, "f0_fill_in_from"),
            F0CutAtFillIn = IntsOf(r, "f0_cut_at_fill_in"),
            F0Features = FeatureSetOf(r),
        };
    }
}
