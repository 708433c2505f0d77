namespace Audio2Midi.Training.Datasets;

/// <summary>
/// The binary feature/label cache (<c>CACHE/data.a2mc</c>, little-endian):
/// header = magic "A2MCACHE", int32 version, int32 bins, int32 min pitch, int32 max pitch, int32 onset width,
/// int32 offset width, int32 hop samples, int32 sample rate, int32 recordings, int64 index offset;
/// then one block per recording = float32 log-CQT [frames x bins] (dB, not normalised), uint8 onset, frame and
/// offset [frames x pitches], int16 class [frames]; then the index = per recording: name, source wav (int32
/// length + UTF-8), uint8 split, int32 frames, int32 notes, int64 block offset. Next to it: features.json
/// (<see cref="Audio2Midi.Features.FeatureParametersJson"/>, normalisation from the training split) and import-report.txt.
/// </summary>
public static class CacheFormat
{
    public const string DataFileName = "data.a2mc";
    public const string ReportFileName = "import-report.txt";
    public static ReadOnlySpan<byte> Magic => "A2MCACHE"u8;

    /// <summary>Bump on any layout change; readers refuse other versions.</summary>
    public const int Version = 1;

    public const int HeaderBytes = 8 + 4 * 9 + 8;
}
