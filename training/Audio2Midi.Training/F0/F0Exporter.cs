using System.Security.Cryptography;
using Audio2Midi.Models;
using Audio2Midi.Notes;

namespace Audio2Midi.Training.F0;

/// <summary>Writes a trained f0 note model as MODEL.onnx with its manifest MODEL.json (kind "f0"), ready as a preset.</summary>
public static class F0Exporter
{
    /// <summary>
    /// The decoder thresholds an f0 model ships with: frames are 5 ms (a start holds 30 ms, a release 20 ms). The onset
    /// threshold was chosen on the hust-solfege validation split at 60 ms (0.5 / 0.65 / 0.8: COnP F1 0.449 / 0.467 / 0.508).
    /// </summary>
    public static DecoderSettings DefaultDecoder { get; } = new()
    {
        OnsetThreshold = 0.8,
        FrameThreshold = 0.5,
        FrameOffThreshold = 0.4,
        FrameStartFrames = 6,
        ReleaseFrames = 4,
    };

    /// <summary>
    /// The onset threshold per head, by its look-ahead: fitted on the hust validation split and the synth dev set together
    /// (grid 0.5-0.9, the mean COnP F1 of both; docs/training.md): Instant 0.5, the short heads (30 and 60 ms) 0.9, and
    /// heads that have heard 100 ms or more 0.5 (their onsets are surer; at 250 ms 0.5 gave 0.696 where 0.8 gave 0.603).
    /// </summary>
    public static double DefaultOnsetThreshold(int delayFrames) => delayFrames == 0 ? 0.5 : delayFrames < 20 ? 0.9 : 0.5;

    /// <summary>
    /// The frame-start confirmation per head, by its look-ahead. A short head's onsets seldom pass its 0.9 threshold,
    /// so most of its notes start by the frame rule, and each confirmation frame is counted after the head's whole
    /// look-ahead: 6 frames put the 30 and 60 ms notes 25 ms past their step. Grid 2/3/4/6 against the onset thresholds,
    /// hust validation / synth dev COnP F1 and median as heard (docs/training.md): 30 ms 0.493 / 0.430, 43 / 54 ms with 6,
    /// 0.490 / 0.462, 33 / 40 ms with 3; 60 ms 0.544 / 0.544, 68 / 82 ms with 6, 0.545 / 0.545, 63 / 73 ms with 4. Instant,
    /// 120 and 250 ms moved by at most 0.004 and keep 6.
    /// </summary>
    public static int DefaultFrameStartFrames(int delayFrames) =>
        delayFrames == 0 || delayFrames >= 20 ? DefaultDecoder.FrameStartFrames : delayFrames <= 3 ? 3 : 4;

    /// <summary>
    /// Where each head's pitch window begins, by its look-ahead (<see cref="ModelManifest.F0PitchFromFrames"/>): the
    /// 30 ms head names a note by the latest frame it heard (plus its delta), the 120 ms head by the f0 from 80 ms after
    /// the frame decided (past a scoop), the others from the frame decided. Development sets (hust validation / synth
    /// dev COnP F1; docs/training.md, "Pitch window past the attack"): every head from 16 frames on (capped at its
    /// look-ahead) against from the frame decided, 30 ms 0.543 / 0.473 -> 0.564 / 0.487, 60 ms 0.567 / 0.604 -> 0.573 /
    /// 0.656, 120 ms 0.617 / 0.698 -> 0.629 / 0.756, 250 ms 0.649 / 0.819 -> 0.653 / 0.819. Taken where both sets gained
    /// 0.01 or more (30 and 120 ms); see docs/training.md for the vocadito check that came before that rule.
    /// </summary>
    public static int DefaultPitchFromFrames(int delayFrames) => delayFrames is > 0 and <= 3 ? delayFrames : delayFrames is >= 20 and < 40 ? 16 : 0;

    /// <summary>
    /// The onset fill-in per head (<see cref="ModelManifest.F0FillInFrom"/>): a head that has heard 200 ms or more (40
    /// frames) takes the onsets it missed from the longest head that has heard 100-200 ms; every other head takes none.
    /// Measured for the 250 ms head with the 120 ms one (<see cref="OnsetFillIn"/>, training/runs/f0-headmix-PLAN.md).
    /// </summary>
    public static int[] DefaultFillInFrom(F0Heads heads) =>
        Enumerable.Range(0, heads.Count)
            .Select(h => heads.DelayFrames[h] < 40 ? -1 : Enumerable.Range(0, h).LastOrDefault(p => heads.DelayFrames[p] is >= 20 and < 40, -1))
            .ToArray();

    /// <summary>
    /// Which heads end their naming windows at their fill-in head's next onset (<see cref="ModelManifest.F0CutAtFillIn"/>):
    /// every head with a fill-in. Chosen on generated legato runs with held-out hust splits as a guard
    /// (training/runs/f0-250-melisma-cut-PLAN.md).
    /// </summary>
    public static int[] DefaultCutAtFillIn(IReadOnlyList<int> fillInFrom) => fillInFrom.Select(f => f >= 0 ? 1 : 0).ToArray();

    /// <summary>
    /// Which heads read their pitch delta (<see cref="ModelManifest.F0ReadDelta"/>): the decoder's default by look-ahead,
    /// and every head in <paramref name="refitted"/> (its delta refitted for starting notes, <see cref="F0StartDeltaRefit"/>).
    /// </summary>
    public static int[] DefaultReadDelta(F0Heads heads, IEnumerable<int>? refitted = null)
    {
        var chosen = new HashSet<int>(refitted ?? []);
        return Enumerable.Range(0, heads.Count).Select(h => F0NoteDecoder.DefaultReadsDelta(heads.DelayFrames[h]) || chosen.Contains(h) ? 1 : 0).ToArray();
    }

    public static ModelManifest Export(F0NoteNetwork network, string onnxPath, string name, IReadOnlyList<string> trainedOn, DecoderSettings decoder,
        IReadOnlyDictionary<string, double> validation, string producer, IReadOnlyList<int>? readDelta = null)
    {
        if (!onnxPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException($"{onnxPath}: the model file must end in .onnx");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(onnxPath));
        if (folder is not null) Directory.CreateDirectory(folder);
        byte[] bytes = network.ToOnnx(name);
        File.WriteAllBytes(onnxPath, bytes);
        int[] fillInFrom = DefaultFillInFrom(network.Heads);
        var manifest = new ModelManifest
        {
            Name = name,
            Kind = ModelManifest.F0Kind,
            Live = true,
            OnnxFile = Path.GetFileName(onnxPath),
            OnnxSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            F0 = network.Heads,
            F0Features = network.Features,
            F0OnsetThresholds = network.Heads.DelayFrames.Select(DefaultOnsetThreshold).ToArray(),
            F0FrameStartFrames = network.Heads.DelayFrames.Select(DefaultFrameStartFrames).ToArray(),
            F0PitchFromFrames = network.Heads.DelayFrames.Select(DefaultPitchFromFrames).ToArray(),
            F0MoveFrames = network.Heads.DelayFrames.Select(F0NoteDecoder.DefaultMoveFrames).ToArray(),
            F0MoveNameFrames = network.Heads.DelayFrames.Select(F0NoteDecoder.DefaultMoveNameFrames).ToArray(),
            F0MoveSlowFrames = network.Heads.DelayFrames.Select(F0NoteDecoder.DefaultMoveSlowFrames).ToArray(),
            F0FillInFrom = fillInFrom,
            F0CutAtFillIn = DefaultCutAtFillIn(fillInFrom),
            F0ReadDelta = readDelta ?? DefaultReadDelta(network.Heads),
            MinPitch = 0,
            Pitches = 128,
            Decoder = decoder,
            TrainedOn = trainedOn,
            Validation = validation,
            Producer = producer,
        };
        manifest.Validate(onnxPath);
        ModelManifestJson.Write(ModelPreset.ManifestPathOf(onnxPath), manifest);
        return manifest;
    }
}
