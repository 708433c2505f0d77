using Audio2Midi.Features;

namespace Audio2Midi.Models;

/// <summary>
/// What travels beside an exported model (MODEL.json next to MODEL.onnx): everything a runner needs to rebuild the
/// training feature function and decode notes, and everything a user needs to judge the preset: its kind, whether
/// it runs live, its look-ahead and latency, the data it was trained on with its licence, its validation figures,
/// and the SHA-256 of the ONNX file it describes.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>Bumped when the manifest or the model's input/output contract changes meaning; a newer one is refused.</summary>
    public const int CurrentFormat = 1;

    public const string Extension = ".json";

    public int Format { get; init; } = CurrentFormat;

    public required string Name { get; init; }

    /// <summary>"live", "crnn", ...</summary>
    public required string Kind { get; init; }

    /// <summary>True when the model streams one frame at a time (state inputs), false for windowed models.</summary>
    public bool Live { get; init; }

    /// <summary>
    /// Frames after a frame that its posteriors depend on when it runs live: 0 for live models; for windowed models the
    /// look-ahead the sliding-window runner gives each frame (chosen at export, at most half the window).
    /// </summary>
    public int LookAheadFrames { get; init; }

    /// <summary>Frames a windowed model sees at once (its input length); 0 for live models.</summary>
    public int WindowFrames { get; init; }

    /// <summary>The ONNX file, relative to the manifest.</summary>
    public required string OnnxFile { get; init; }

    public required string OnnxSha256 { get; init; }

    /// <summary>The CQT feature function of a spectral model; null for an f0 model (its features: <see cref="F0Features"/>).</summary>
    public FeatureParameters? Features { get; init; }

    /// <summary>An f0 note model's heads (kind "f0"); null for spectral models.</summary>
    public F0Heads? F0 { get; init; }

    /// <summary>An f0 model's onset threshold per head (the longer a head listens, the surer its onsets); null = the decoder's one.</summary>
    public IReadOnlyList<double>? F0OnsetThresholds { get; init; }

    /// <summary>
    /// An f0 model's frame-start confirmation per head: frames the frame probability must hold before a note the onset
    /// head did not announce starts (a short head's confirmation is counted past its look-ahead, so it costs placement
    /// time); null = the decoder's one.
    /// </summary>
    public IReadOnlyList<int>? F0FrameStartFrames { get; init; }

    /// <summary>
    /// An f0 model's pitch window per head: frames after the frame decided where a starting note's pitch window begins
    /// (past its attack, so a scoop is left out; capped at the head's look-ahead); null = from the frame decided.
    /// </summary>
    public IReadOnlyList<int>? F0PitchFromFrames { get; init; }

    /// <summary>
    /// An f0 model's legato-move confirmation per head: frames the f0 must sit on another semitone before a sounding note
    /// moves to it (short heads correct a wrong first pitch quickly; long heads wait out vibrato and drift); null = by
    /// look-ahead (the f0 note decoder's <c>DefaultMoveFrames</c>).
    /// </summary>
    public IReadOnlyList<int>? F0MoveFrames { get; init; }

    /// <summary>
    /// An f0 model's legato-move name per head: a move is named by the median f0 over its first N frames (as far as the
    /// head has heard them), so a long head does not name a short note of a run by the notes after it; 0 = by everything
    /// the head has heard from the move's start; null = by look-ahead (the f0 note decoder's <c>DefaultMoveNameFrames</c>).
    /// </summary>
    public IReadOnlyList<int>? F0MoveNameFrames { get; init; }

    /// <summary>
    /// An f0 model's confirmation per head for a legato move whose f0 crept to its new semitone (drift, a slow glide)
    /// instead of leaving the note straight away: decided live, such a move waits max(<see cref="F0MoveFrames"/>, this)
    /// frames (offline keeps every move); 0 = no longer wait; null = by look-ahead (the f0 note decoder's
    /// <c>DefaultMoveSlowFrames</c>).
    /// </summary>
    public IReadOnlyList<int>? F0MoveSlowFrames { get; init; }

    /// <summary>
    /// An f0 model's onset fill-in per head: the index of a shorter head whose onsets this head takes where it heard none
    /// itself within a few frames (a long head hears fast legato changes late or not at all; a shorter one decides the
    /// same frame earlier and its verdict is kept until this head reaches it), or -1 for none; null = none for every head.
    /// </summary>
    public IReadOnlyList<int>? F0FillInFrom { get; init; }

    /// <summary>
    /// Whether each f0 head with an onset fill-in ends the windows that name a starting note and a legato move before the
    /// next onset its fill-in head heard in them (1) or not (0): in a fast legato run a long head's window holds the next
    /// notes; null = no head does.
    /// </summary>
    public IReadOnlyList<int>? F0CutAtFillIn { get; init; }

    /// <summary>
    /// Whether each f0 head adds its pitch delta to a starting note's anchor (1) or names it by the anchor alone (0); null
    /// = by look-ahead (the f0 note decoder's <c>DefaultReadsDelta</c>: heads under 100 ms). A head whose delta was refitted
    /// for starting notes (<c>a2m train-f0 --refit-start-delta</c>) reads it at any look-ahead.
    /// </summary>
    public IReadOnlyList<int>? F0ReadDelta { get; init; }

    /// <summary>What an f0 model reads per frame (<see cref="F0FeatureSet"/>): the f0 features alone unless the manifest says more.</summary>
    public F0FeatureSet F0Features { get; init; } = F0FeatureSet.Pitch;

    /// <summary>The shorter head a head takes missed onsets from (<see cref="F0FillInFrom"/>), or null.</summary>
    public int? F0FillInFromFor(int head) => F0FillInFrom is { } from && from[head] >= 0 ? from[head] : null;

    /// <summary>Whether a head's naming windows end at its fill-in head's next onset (<see cref="F0CutAtFillIn"/>).</summary>
    public bool F0CutsAtFillInFor(int head) => F0CutAtFillIn is { } cut && cut[head] == 1;

    /// <summary>Whether a head reads its pitch delta (<see cref="F0ReadDelta"/>); null when the manifest says nothing (the decoder's default for its look-ahead).</summary>
    public bool? F0ReadsDeltaFor(int head) => F0ReadDelta is { } read ? read[head] == 1 : null;

    /// <summary>A head's legato-move confirmation (<see cref="F0MoveFrames"/>); null when the manifest names none (the decoder's default for its look-ahead).</summary>
    public int? F0MoveFramesFor(int head) => F0MoveFrames?[head];

    /// <summary>The frames that name a head's legato move (<see cref="F0MoveNameFrames"/>); null when the manifest names none (the decoder's default for its look-ahead).</summary>
    public int? F0MoveNameFramesFor(int head) => F0MoveNameFrames?[head];

    /// <summary>A head's confirmation for a legato move the f0 crept to (<see cref="F0MoveSlowFrames"/>); null when the manifest names none (the decoder's default for its look-ahead).</summary>
    public int? F0MoveSlowFramesFor(int head) => F0MoveSlowFrames?[head];

    /// <summary>Where a head's pitch window begins (<see cref="F0PitchFromFrames"/>; 0 when the manifest names none).</summary>
    public int F0PitchFromFramesFor(int head) => F0PitchFromFrames is { } from ? from[head] : 0;

    /// <summary>The decoder an f0 model's head runs: the manifest's, with that head's onset threshold and frame-start confirmation.</summary>
    public DecoderSettings F0DecoderFor(int head) => Decoder with
    {
        OnsetThreshold = F0OnsetThresholds is { } onsets ? onsets[head] : Decoder.OnsetThreshold,
        FrameStartFrames = F0FrameStartFrames is { } starts ? starts[head] : Decoder.FrameStartFrames,
    };

    /// <summary>
    /// This f0 manifest with one head's onset threshold and frame-start confirmation taken from <paramref name="decoder"/>
    /// (what <see cref="F0DecoderFor"/> gives that head from then on); every other head, and the shared settings, stay.
    /// </summary>
    public ModelManifest WithF0Decoder(int head, DecoderSettings decoder)
    {
        if (F0 is not { } heads) throw new InvalidOperationException($"the {Kind} model '{Name}' has no f0 heads");
        if (head < 0 || head >= heads.Count) throw new ArgumentOutOfRangeException(nameof(head), head, $"the model has {heads.Count} heads");
        double[] onsets = Enumerable.Range(0, heads.Count).Select(h => F0DecoderFor(h).OnsetThreshold).ToArray();
        int[] starts = Enumerable.Range(0, heads.Count).Select(h => F0DecoderFor(h).FrameStartFrames).ToArray();
        onsets[head] = decoder.OnsetThreshold;
        starts[head] = decoder.FrameStartFrames;
        return this with { F0OnsetThresholds = onsets, F0FrameStartFrames = starts };
    }

    public const string F0Kind = "f0";

    /// <summary>True for an f0-grounded note model (<see cref="Engine.F0NoteEngine"/>).</summary>
    public bool IsF0 => Kind == F0Kind;

    /// <summary>The CQT features of a spectral model (an error for an f0 model, which has none).</summary>
    public FeatureParameters Cqt => Features ?? throw new InvalidOperationException($"the {Kind} model '{Name}' has no CQT features");

    public int MinPitch { get; init; }

    public int Pitches { get; init; }

    public DecoderSettings Decoder { get; init; } = new();

    /// <summary>The data the model was trained on, with its licence (free text per source).</summary>
    public IReadOnlyList<string> TrainedOn { get; init; } = [];

    /// <summary>Figures measured on the validation split when it was exported (name -> value).</summary>
    public IReadOnlyDictionary<string, double> Validation { get; init; } = new Dictionary<string, double>();

    public string Producer { get; init; } = "";

    public PosteriorLayout Layout => new(MinPitch, Pitches);

    /// <summary>Milliseconds from a sung frame to its posteriors: the CQT's half span plus the look-ahead (for windowed models plus the runner's hop, see <see cref="SlidingWindowModel"/>).</summary>
    /// <remarks>An f0 model's heads decide within each Latency step (<see cref="F0Heads.HeadFor"/>): it adds nothing of its own, like pYIN.</remarks>
    public double LatencyMs => IsF0 ? 0 : 1000.0 * (Cqt.Cqt.LatencySamples + (double)LiveDelayFrames * Cqt.Cqt.HopSamples) / Cqt.Cqt.SampleRate;

    /// <summary>Frames between a frame and its posteriors live: the look-ahead, plus two of the sliding runner's hops less one for windowed models.</summary>
    public int LiveDelayFrames => Live ? LookAheadFrames : LookAheadFrames + 2 * SlidingWindowModel.HopFrames - 1;

    /// <summary>The live look-ahead in milliseconds (what a windowed preset's name carries).</summary>
    public double LookAheadMs => IsF0 ? 0 : 1000.0 * LookAheadFrames * Cqt.Cqt.HopSamples / Cqt.Cqt.SampleRate;

    public void Validate(string path)
    {
        if (Format > CurrentFormat) throw new InvalidDataException($"{path}: manifest format {Format} is newer than this build reads ({CurrentFormat}); update Audio2Midi");
        if (Format < 1) throw new InvalidDataException($"{path}: manifest format {Format} is not valid");
        if (string.IsNullOrWhiteSpace(Name)) throw new InvalidDataException($"{path}: the manifest has no name");
        if (MinPitch is < 0 or > 127 || Pitches < 1 || MinPitch + Pitches > 128) throw new InvalidDataException($"{path}: pitch range {MinPitch}+{Pitches} outside MIDI 0..127");
        if (!Live && (WindowFrames < 1 || LookAheadFrames < 0 || LookAheadFrames + SlidingWindowModel.HopFrames > WindowFrames))
            throw new InvalidDataException($"{path}: a windowed model needs a window ({WindowFrames} frames) longer than its look-ahead ({LookAheadFrames}) plus the runner's hop ({SlidingWindowModel.HopFrames})");
        if (IsF0)
        {
            if (F0 is null) throw new InvalidDataException($"{path}: an f0 model's manifest needs its heads (\"f0_heads\")");
            if (!Live) throw new InvalidDataException($"{path}: an f0 model streams; its manifest must say live");
            F0.Validate(path);
            if (F0OnsetThresholds is { } t && (t.Count != F0.Count || t.Any(v => !(v > 0 && v < 1))))
                throw new InvalidDataException($"{path}: f0_onset_thresholds needs one value in (0, 1) per head ({F0.Count})");
            if (F0FrameStartFrames is { } f && (f.Count != F0.Count || f.Any(v => v < 1 || v > 200)))
                throw new InvalidDataException($"{path}: f0_frame_start_frames needs one value of 1..200 frames per head ({F0.Count})");
            if (F0PitchFromFrames is { } p && (p.Count != F0.Count || p.Any(v => v < 0 || v > 400)))
                throw new InvalidDataException($"{path}: f0_pitch_from_frames needs one value of 0..400 frames per head ({F0.Count})");
            if (F0MoveFrames is { } mv && (mv.Count != F0.Count || mv.Any(v => v < 1 || v > 100)))
                throw new InvalidDataException($"{path}: f0_move_frames needs one value of 1..100 frames per head ({F0.Count})");
            if (F0MoveNameFrames is { } mn && (mn.Count != F0.Count || mn.Any(v => v < 0 || v > 400)))
                throw new InvalidDataException($"{path}: f0_move_name_frames needs one value of 0..400 frames per head ({F0.Count}; 0 = everything heard)");
            if (F0MoveSlowFrames is { } ms && (ms.Count != F0.Count || ms.Any(v => v < 0 || v > 100)))
                throw new InvalidDataException($"{path}: f0_move_slow_frames needs one value of 0..100 frames per head ({F0.Count}; 0 = no longer wait)");
            if (F0ReadDelta is { } rd && (rd.Count != F0.Count || rd.Any(v => v is not (0 or 1))))
                throw new InvalidDataException($"{path}: f0_read_delta needs one value per head ({F0.Count}): 1 to read the head's pitch delta, 0 not to");
            if (F0FillInFrom is { } fill && (fill.Count != F0.Count || fill.Select((v, h) => v < -1 || v >= h).Any(bad => bad)))
                throw new InvalidDataException($"{path}: f0_fill_in_from needs one value per head ({F0.Count}): -1, or the index of a shorter head");
            if (F0CutAtFillIn is { } cut && (cut.Count != F0.Count || cut.Select((v, h) => v is not (0 or 1) || (v == 1 && F0FillInFromFor(h) is null)).Any(bad => bad)))
                throw new InvalidDataException($"{path}: f0_cut_at_fill_in needs one value per head ({F0.Count}): 1 only for a head with an onset fill-in (f0_fill_in_from), else 0");
        }
        else if (Features is null) throw new InvalidDataException($"{path}: the manifest has no feature parameters");
        else if (Features.Normalization is null) throw new InvalidDataException($"{path}: the feature parameters carry no normalisation statistics");
        try
        {
            Decoder.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException($"{path}: decoder settings: {e.Message}", e);
        }
    }
}
