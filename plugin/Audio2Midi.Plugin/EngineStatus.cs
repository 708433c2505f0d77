using Audio2Midi.Presets;

namespace Audio2Midi.Plugin;

/// <summary>
/// What the read-only Status parameter shows: which engine runs and, when a model preset could not, why pYIN runs in
/// its place. Values are saved nowhere; only add at the end (hosts may show the index).
/// </summary>
internal enum EngineStatus
{
    Pyin = 0,
    ModelRunning = 1,
    Loading = 2,
    FallbackMissing = 3,
    FallbackCorrupt = 4,
    FallbackNewerFormat = 5,
    FallbackTooSlow = 6,
    FallbackPresetNotFound = 7,
    FallbackRuntimeMissing = 8,
    NoEngineAtRate = 9,
}

internal static class EngineStatusText
{
    public static readonly string[] Names =
    [
        "pYIN",
        "Model running",
        "Loading model",
        "pYIN fallback: model file missing",
        "pYIN fallback: model file corrupt",
        "pYIN fallback: model needs a newer Audio2Midi",
        "pYIN fallback: model too slow for real time",
        "pYIN fallback: saved preset not installed",
        "pYIN fallback: ONNX Runtime missing from the bundle",
        "No engine: sample rate outside 8-384 kHz (audio passes through)",
    ];

    /// <summary>
    /// What a failure says in the log: our own messages (files, formats) as they are, on one line; for anything else
    /// only its type, since NativeAOT strips the framework's message resources (a placeholder is no reason).
    /// </summary>
    public static string Reason(Exception e) =>
        e is InvalidDataException or IOException or UnauthorizedAccessException
            ? e.Message.ReplaceLineEndings(" ")
            : e.GetType().Name;

    /// <summary>The reason no engine runs at a host rate, for the log.</summary>
    public static string RateReason(double sampleRate) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sample rate {sampleRate:0.###} Hz is outside 8-384 kHz");

    public static bool IsFallback(EngineStatus s) => s >= EngineStatus.FallbackMissing;

    /// <summary>Why a preset failed to load, from what it threw (the full message goes to the log).</summary>
    public static EngineStatus Classify(Exception e, PresetEntry entry)
    {
        if (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or BadImageFormatException) return EngineStatus.FallbackRuntimeMissing;
        if (entry.ManifestPath is string manifest && !File.Exists(manifest)) return EngineStatus.FallbackMissing;
        if (e.Message.Contains("missing", StringComparison.Ordinal) && e.Message.Contains(".onnx", StringComparison.OrdinalIgnoreCase)) return EngineStatus.FallbackMissing;
        if (e.Message.Contains("newer than this build", StringComparison.Ordinal)) return EngineStatus.FallbackNewerFormat;
        return EngineStatus.FallbackCorrupt;
    }
}
