using Audio2Midi.Dsp;
using Audio2Midi.Notes;
using Audio2Midi.Pitch;

namespace Audio2Midi.Engine;

/// <summary>
/// The live pYIN engine: host samples -> sanitise -> resample to the internal rate -> streaming pYIN
/// (YIN + HMM) -> note segmenter -> events placed on the host timeline at the host sample whose arrival
/// completed the deciding frame. That placement follows from the sample stream alone, so every block
/// partition of the same audio yields the same events. All buffers are allocated in the constructor;
/// a new sample rate means a new engine (the plugin builds one in setupProcessing).
/// </summary>
public sealed class PyinNoteEngine : INoteEngine, IInternalRateStage
{
    private const int Chunk = HostToInternalRate.Chunk;

    private readonly HostToInternalRate _front;
    private readonly HostBlockLoop _loop;
    private readonly PyinPitchTracker _tracker;
    private readonly NoteSegmenter _segmenter;
    private readonly double _hostPerInternal;

    /// <param name="settleWithinMs">
    /// The settle budget: a note decided this long (host time) after its sung start has not been heard yet
    /// (offline, or within the plugin's Latency), so it may still move to the semitone it settles on.
    /// 0 for a live engine whose NoteOns leave as soon as they are decided.
    /// </param>
    /// <param name="timings">How long the note rules wait before deciding (<see cref="DecisionTimings.Instant"/> if null).</param>
    public PyinNoteEngine(double hostSampleRate, PyinSettings? pyin = null, NoteSettings? settings = null, double settleWithinMs = 0, DecisionTimings? timings = null)
    {
        Timings = timings ?? DecisionTimings.Instant;
        if (!(hostSampleRate >= 8000 && hostSampleRate <= 384000))
            throw new ArgumentOutOfRangeException(nameof(hostSampleRate), hostSampleRate, "host sample rate must be 8-384 kHz");
        PyinSettings = pyin ?? new PyinSettings();
        PyinSettings.Validate();
        Settings = settings ?? new NoteSettings();
        HostSampleRate = hostSampleRate;
        _front = new HostToInternalRate(CreateResampler(hostSampleRate, PyinSettings, Chunk));
        _tracker = new PyinPitchTracker(PyinSettings);
        _hostPerInternal = hostSampleRate / PyinSettings.SampleRate;
        _loop = new HostBlockLoop(_front, _hostPerInternal);
        double frameMs = 1000.0 * PyinSettings.HopSamples / PyinSettings.SampleRate;
        // Decisions reach the host the resampler's delay after their frame ends: that part of a live budget is spent.
        double spent = _front.DelayInputSamples;
        double settleInternal = (settleWithinMs * hostSampleRate / 1000.0 - spent) / _hostPerInternal;
        _segmenter = new NoteSegmenter(Settings, frameMs, SourceOffsetSamples(PyinSettings), (long)Math.Max(0, Math.Floor(settleInternal)), Timings);
    }

    public double HostSampleRate { get; }

    public PyinSettings PyinSettings { get; }

    public DecisionTimings Timings { get; }

    public NoteSettings Settings { get; }

    public long Position => _loop.Position;

    public PitchFrame LatestPitch { get; private set; }

    public int LatencySamples
    {
        get
        {
            PyinSettings p = PyinSettings;
            double frameMs = 1000.0 * p.HopSamples / p.SampleRate;
            int confirmFrames = Math.Max(1, (int)Math.Round(Timings.OnsetConfirmMs / frameMs));
            double internalSamples = SourceOffsetSamples(p) + (confirmFrames - 1 + p.DecoderLagFrames) * p.HopSamples;
            return (int)Math.Round(_front.DelayInputSamples + internalSamples * _hostPerInternal);
        }
    }

    /// <summary>
    /// The resampler in front of the pitch tracker. Pitch needs nothing above 0.4 of the internal rate:
    /// the wider transition band halves the kernel, and with it the latency and cost, still with a
    /// stop band of at least 80 dB.
    /// </summary>
    public static StreamingResampler CreateResampler(double hostSampleRate, PyinSettings pyin, int maxBlock) =>
        new(hostSampleRate, pyin.SampleRate, maxBlock, passband: 0.4, attenuationDb: 90);

    /// <summary>
    /// How far before the end of the first frame that detects a voice the voice typically began: the
    /// newest ~60 % of the window plus one period (at 160 Hz) must be voiced for YIN to see it.
    /// </summary>
    public static long SourceOffsetSamples(PyinSettings p) => (long)Math.Round(0.6 * p.WindowSamples + p.SampleRate / 160.0);

    public void Process(ReadOnlySpan<float> mono, INoteEventSink sink) => _loop.Process(mono, this, sink);

    /// <summary>One 16 kHz sample: a pitch frame when one completes, and what the note rules decide on it.</summary>
    ReadOnlySpan<SegmentEvent> IInternalRateStage.Step(float sample)
    {
        if (!_tracker.Push(sample, out PitchFrame frame)) return default;
        LatestPitch = frame;
        _segmenter.Step(frame);
        return _segmenter.Events;
    }

    public void Release(INoteEventSink sink)
    {
        _segmenter.Release(_loop.InternalPosition);
        _loop.EmitRelease(_segmenter.Events, sink);
    }

    public void Reset()
    {
        _loop.Reset();
        _tracker.Reset();
        LatestPitch = default;
        _segmenter.Reset();
    }
}
