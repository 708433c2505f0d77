using Audio2Midi.Dsp;
using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Notes;
using Audio2Midi.Pitch;

namespace Audio2Midi.Engine;

/// <summary>
/// The f0 note engine, wired from stages: host samples -> sanitise and resample to 16 kHz (<see cref="HostToInternalRate"/>)
/// -> streaming pYIN (f0, voicing, level every 5 ms) -> the pitch-free features (<see cref="F0FrameFeatures"/>) -> the
/// f0 note model (one head per look-ahead; this engine reads one, and a shorter one's verdict on the same frame where
/// the manifest says it fills in missed onsets: <see cref="F0HeadAligner"/>) -> the f0 note decoder (pitch from the sung f0)
/// -> events on the host timeline at the host sample whose arrival completed the deciding frame. Like the other
/// engines it depends on the sample stream alone, so every block partition gives the same events.
/// </summary>
public sealed class F0NoteEngine : INoteEngine, IInternalRateStage
{
    private const int Chunk = HostToInternalRate.Chunk;

    private readonly HostToInternalRate _front;
    private readonly HostBlockLoop _loop;
    private readonly PyinPitchTracker _tracker;
    private readonly F0FrameFeatures _features;
    private readonly IFrameModel _model;
    private readonly F0NoteDecoder _decoder;
    private readonly F0HeadAligner? _fillIn;
    private readonly float[] _input;
    private readonly float[] _outputs;
    private readonly int _headOffset;
    private readonly int _lookAhead;
    private readonly double _hostPerInternal;

    /// <param name="head">Which of the model's heads decides (<see cref="F0Heads.HeadFor"/>).</param>
    /// <param name="wholeNote">Offline: each note named by the median f0 over all of it.</param>
    /// <param name="pitchFromFrames">Where a starting note's pitch window begins after the frame decided (<see cref="ModelManifest.F0PitchFromFrames"/>).</param>
    /// <param name="moveFrames">The head's legato-move confirmation (<see cref="ModelManifest.F0MoveFrames"/>; null: the default for its look-ahead).</param>
    /// <param name="fillIn">
    /// A shorter head whose onsets this head takes where it heard none itself, with that head's onset threshold
    /// (<see cref="ModelManifest.F0FillInFrom"/>); null: none.
    /// </param>
    /// <param name="features">The features the model reads (<see cref="ModelManifest.F0Features"/>).</param>
    /// <param name="readDelta">Whether the head adds its pitch delta to a starting note's anchor (<see cref="ModelManifest.F0ReadDelta"/>; null: the default for its look-ahead).</param>
    /// <param name="moveNameFrames">The frames that name a legato move (<see cref="ModelManifest.F0MoveNameFrames"/>; 0: everything heard; null: the default for its look-ahead).</param>
    /// <param name="moveSlowFrames">The confirmation of a legato move the f0 crept to, live (<see cref="ModelManifest.F0MoveSlowFrames"/>; 0: no longer wait; null: the default for its look-ahead).</param>
    /// <param name="cutAtFillInOnset">With a fill-in: naming windows end before the fill-in head's next onset (<see cref="ModelManifest.F0CutAtFillIn"/>).</param>
    public F0NoteEngine(double hostSampleRate, IFrameModel model, F0Heads heads, int head, DecoderSettings decoder, NoteSettings? settings = null, bool wholeNote = false,
        int pitchFromFrames = 0, int? moveFrames = null, (int Head, double OnsetThreshold)? fillIn = null, F0FeatureSet features = F0FeatureSet.Pitch,
        bool? readDelta = null, int? moveNameFrames = null, int? moveSlowFrames = null, bool cutAtFillInOnset = false)
    {
        if (!(hostSampleRate >= 8000 && hostSampleRate <= 384000))
            throw new ArgumentOutOfRangeException(nameof(hostSampleRate), hostSampleRate, "host sample rate must be 8-384 kHz");
        if (model.InputBins != features.Width()) throw new ArgumentException($"the model takes {model.InputBins} features, its feature set ({features.Name()}) gives {features.Width()}", nameof(model));
        if (model.OutputSize != heads.Size) throw new ArgumentException($"the model gives {model.OutputSize} outputs, {heads.Count} heads need {heads.Size}", nameof(model));
        if (head < 0 || head >= heads.Count) throw new ArgumentOutOfRangeException(nameof(head), head, $"the model has {heads.Count} heads");
        HostSampleRate = hostSampleRate;
        Settings = settings ?? new NoteSettings();
        var pyin = new PyinSettings();
        _front = new HostToInternalRate(PyinNoteEngine.CreateResampler(hostSampleRate, pyin, Chunk));
        _tracker = new PyinPitchTracker(pyin);
        _features = new F0FrameFeatures(features);
        _input = new float[_features.Width];
        _model = model;
        _outputs = new float[heads.Size];
        _headOffset = head * F0Heads.PerHead;
        _lookAhead = heads.DelayFrames[head];
        _hostPerInternal = hostSampleRate / pyin.SampleRate;
        _loop = new HostBlockLoop(_front, _hostPerInternal);
        _fillIn = fillIn is { } f ? new F0HeadAligner(heads, head, f.Head) : null;
        _decoder = new F0NoteDecoder(decoder, Settings, _lookAhead, wholeNote, pitchFromFrames, moveFrames, fillIn?.OnsetThreshold, readDelta, moveNameFrames, moveSlowFrames,
            _fillIn?.LagFrames ?? 0, cutAtFillInOnset);
    }

    public double HostSampleRate { get; }

    public NoteSettings Settings { get; }

    public long Position => _loop.Position;

    public PitchFrame LatestPitch { get; private set; }

    /// <summary>Frames this engine's head hears after the frame it decides.</summary>
    public int LookAheadFrames => _lookAhead;

    /// <summary>The resampler's delay, half the YIN window and the head's look-ahead: when a frame is decided.</summary>
    public int LatencySamples => (int)Math.Round(_front.DelayInputSamples + (F0Heads.CentreOffsetSamples + _lookAhead * (double)F0Heads.HopSamples) * _hostPerInternal);

    public void Process(ReadOnlySpan<float> mono, INoteEventSink sink) => _loop.Process(mono, this, sink);

    /// <summary>One 16 kHz sample: a pitch frame when one completes, its features, the model's step and the decoder's decisions.</summary>
    ReadOnlySpan<SegmentEvent> IInternalRateStage.Step(float sample)
    {
        if (!_tracker.Push(sample, out PitchFrame frame)) return default;
        LatestPitch = frame;
        _features.Step(frame, _tracker.Latest(SpectralChange.WindowSamples), _input);
        _model.Step(_input, _outputs);
        ReadOnlySpan<float> fillIn = _fillIn is null ? default : _fillIn.Push(_outputs);
        _decoder.Step(frame.Voiced ? frame.Midi : double.NaN, frame.EndSample, _features.Tuning, _outputs.AsSpan(_headOffset, F0Heads.PerHead), fillIn,
            _fillIn?.NewestOnset(_outputs) ?? float.NaN);
        return _decoder.Events;
    }

    public void Release(INoteEventSink sink)
    {
        _decoder.Release(_loop.InternalPosition, _features.Tuning);
        _loop.EmitRelease(_decoder.Events, sink);
    }

    public void Reset()
    {
        LatestPitch = default;
        _loop.Reset();
        _tracker.Reset();
        _features.Reset();
        _model.Reset();
        _decoder.Reset();
        _fillIn?.Reset();
    }
}
