using Audio2Midi.Dsp;

namespace Audio2Midi.Pitch;

/// <summary>
/// Streaming pYIN at the internal rate: push samples one at a time; every hop a YIN frame over the
/// newest samples is analysed and fed to the HMM, which reports a decoded frame (lagged by the
/// decoder lag). Samples before the stream began count as silence, so the first frame comes one hop in.
/// </summary>
public sealed class PyinPitchTracker
{
    private readonly PyinSettings _settings;
    private readonly SampleHistory _history;
    private readonly YinAnalyzer _yin;
    private readonly PitchHmm _hmm;
    private int _sinceFrame;

    public PyinPitchTracker(PyinSettings settings)
    {
        settings.Validate();
        _settings = settings;
        _history = new SampleHistory(settings.FrameSpan);
        _yin = new YinAnalyzer(settings);
        _hmm = new PitchHmm(settings);
    }

    public PyinSettings Settings => _settings;

    /// <summary>Internal samples pushed since the last reset.</summary>
    public long SamplesPushed => _history.Count;

    /// <summary>Pushes one sample; returns true when a decoded frame is ready.</summary>
    public bool Push(float sample, out PitchFrame frame)
    {
        _history.Push(sample);
        if (++_sinceFrame < _settings.HopSamples)
        {
            frame = default;
            return false;
        }
        _sinceFrame = 0;
        _yin.Analyse(_history.Latest(_settings.FrameSpan));
        return _hmm.Step(_yin.Candidates, _yin.LevelDb, _history.Count, out frame);
    }

    /// <summary>The newest <paramref name="length"/> samples pushed (at most <see cref="PyinSettings.FrameSpan"/>), oldest first: what other stages analyse at a frame.</summary>
    public ReadOnlySpan<float> Latest(int length) => _history.Latest(length);

    public void Reset()
    {
        _history.Clear();
        _hmm.Reset();
        _sinceFrame = 0;
    }
}
