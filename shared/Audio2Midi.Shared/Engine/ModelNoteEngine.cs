using Audio2Midi.Dsp;
using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Notes;

namespace Audio2Midi.Engine;

/// <summary>
/// The model engine, wired from stages: host samples -> sanitise and resample to the feature rate (<see cref="HostToInternalRate"/>, the pYIN engine's front too) -> streaming CQT
/// -> log magnitude and the model's normalisation (the training feature function, from its features.json) -> the
/// frame model -> the note decoder -> events on the host timeline at the host sample whose arrival completed the
/// deciding frame, each dated back to where its frame was centred. Like the pYIN engine it depends on the sample
/// stream alone, so every block partition gives the same events; Latency placement wraps it the same way.
/// </summary>
public sealed class ModelNoteEngine : INoteEngine, IInternalRateStage
{
    private const int Chunk = HostToInternalRate.Chunk;

    private readonly HostToInternalRate _front;
    private readonly HostBlockLoop _loop;
    private readonly StreamingCqt _cqt;
    private readonly FeatureParameters _features;
    private readonly IFrameModel _model;
    private readonly PosteriorNoteDecoder _decoder;
    private readonly float[] _frame;
    private readonly float[] _posteriors;
    private readonly double _hostPerInternal;
    private int _warmup;   // model outputs still to skip after a reset (they belong to no frame)
    private readonly PosteriorLayout _layout;
    private readonly PyinPitchStage? _pitch;

    /// <param name="pitch">The hybrid's pYIN pitch stage (null: the model names the pitches too).</param>
    public ModelNoteEngine(double hostSampleRate, FeatureParameters features, IFrameModel model, PosteriorLayout layout, DecoderSettings decoder, NoteSettings? settings = null,
        PyinPitchStage? pitch = null)
    {
        if (!(hostSampleRate >= 8000 && hostSampleRate <= 384000))
            throw new ArgumentOutOfRangeException(nameof(hostSampleRate), hostSampleRate, "host sample rate must be 8-384 kHz");
        if (features.Normalization is null) throw new ArgumentException("the model's feature parameters carry no normalisation", nameof(features));
        if (model.InputBins != features.Cqt.BinCount) throw new ArgumentException($"the model takes {model.InputBins} bins, its features give {features.Cqt.BinCount}", nameof(model));
        if (model.OutputSize != layout.Size) throw new ArgumentException($"the model gives {model.OutputSize} outputs, pitches {layout.MinPitch}..{layout.MinPitch + layout.Pitches - 1} need {layout.Size}", nameof(model));
        HostSampleRate = hostSampleRate;
        Settings = settings ?? new NoteSettings();
        _features = features;
        _model = model;
        CqtSettings cqt = features.Cqt;
        _front = new HostToInternalRate(new StreamingResampler(hostSampleRate, cqt.SampleRate, Chunk, passband: 0.45, attenuationDb: 90));
        _cqt = new StreamingCqt(cqt);
        _frame = new float[_cqt.MaxFrames(1) * cqt.BinCount];
        _posteriors = new float[layout.Size];
        _hostPerInternal = hostSampleRate / cqt.SampleRate;
        _loop = new HostBlockLoop(_front, _hostPerInternal);
        _layout = layout;
        _pitch = pitch;
        if (pitch is not null && pitch.Settings.SampleRate != cqt.SampleRate)
            throw new ArgumentException($"the pitch stage runs at {pitch.Settings.SampleRate} Hz, the features at {cqt.SampleRate} Hz", nameof(pitch));
        _decoder = new PosteriorNoteDecoder(layout, decoder, Settings, cqt.HopSamples);
        _warmup = model.DelayFrames;
    }

    public double HostSampleRate { get; }

    public NoteSettings Settings { get; }

    public long Position => _loop.Position;

    /// <summary>Resampler delay, the CQT's half span and the model's own delay: when an onset's frame is decided.</summary>
    public int LatencySamples => (int)Math.Round(_front.DelayInputSamples + (_cqt.LatencySamples + (double)_model.DelayFrames * _features.Cqt.HopSamples) * _hostPerInternal);

    public void Process(ReadOnlySpan<float> mono, INoteEventSink sink) => _loop.Process(mono, this, sink);

    /// <summary>
    /// One sample at the feature rate (one at a time: a frame is complete exactly when its last sample arrives): a CQT
    /// frame when one completes, its features, the model's step and the decoder's decisions.
    /// </summary>
    ReadOnlySpan<SegmentEvent> IInternalRateStage.Step(float sample)
    {
        _pitch?.Push(sample);
        if (_cqt.Process(new ReadOnlySpan<float>(in sample), _frame) == 0) return default;
        Span<float> f = _frame.AsSpan(0, _cqt.BinCount);
        LogMagnitude.Apply(f, _features.LogFloorDb);
        _features.Normalization!.Apply(f);
        _model.Step(f, _posteriors);
        _pitch?.Apply(_posteriors, _layout);
        if (_warmup > 0)
        {
            _warmup--;
            return default;
        }
        _decoder.Step(_posteriors);
        return _decoder.Events;
    }

    public void Release(INoteEventSink sink)
    {
        _decoder.Release(_loop.InternalPosition);
        _loop.EmitRelease(_decoder.Events, sink);
    }

    public void Reset()
    {
        _loop.Reset();
        _cqt.Reset();
        _model.Reset();
        _pitch?.Reset();
        _decoder.Reset();
        _warmup = _model.DelayFrames;
    }
}
