using Audio2Midi.Engine;
using Audio2Midi.Notes;

namespace Audio2Midi.Plugin;

/// <summary>
/// The audio side of the plugin (the VST3 component/processor), free of any ABI: buses, engine,
/// parameters applied at their sample offsets, state. The interop layer calls it; tests may too.
/// Threads: setup, activation and state come from the host's main thread; <see cref="Process"/> from
/// the audio thread, which never allocates, locks or throws in the steady state.
/// </summary>
internal sealed partial class Processor
{
    /// <summary>Blocks longer than this are processed in pieces of this size.</summary>
    public const int MaxChunk = 8192;

    private readonly NoteSettings _settings = new();
    private readonly double[] _plain = Parameters.DefaultPlainValues();
    private readonly NoteOutput _output = new();
    private INoteEngine[] _engines = [];
    private INoteEngine _engine = null!;
    private readonly float[] _mono = new float[MaxChunk];
    private double _sampleRate = 44100;

    public Processor()
    {
        for (int i = 0; i < _plain.Length; i++) ApplyToSettings(Parameters.All[i].Id, _plain[i]);
        BuildEngines();
    }

    public bool IsActive { get; private set; }

    public bool IsProcessing { get; private set; }

    public double SampleRate => _sampleRate;

    public NoteSettings Settings => _settings;

    public INoteEngine Engine => _engine;

    /// <summary>Notes the host has been sent a NoteOn for and no NoteOff yet.</summary>
    public int SoundingNotes => _output.SoundingCount;

    /// <summary>The engine's real delay from a sung onset to its NoteOn, in samples at the current rate.</summary>
    public int LatencySamples => EngineAvailable ? _engine.LatencySamples : 0;

    /// <summary>Lowest and highest rates the engines run at; outside them audio passes through and no notes come.</summary>
    public const double MinSampleRate = 8000, MaxSampleRate = 384000;

    /// <summary>False while the host runs at a rate the engines cannot analyse.</summary>
    public bool EngineAvailable { get; private set; } = true;

    /// <summary>Host's processing setup (main thread, inactive): builds the engines for the rate.</summary>
    public bool SetupProcessing(double sampleRate, int maxSamplesPerBlock)
    {
        if (!(sampleRate > 0) || !double.IsFinite(sampleRate) || maxSamplesPerBlock < 0) return false;
        if (_output.SoundingCount > 0) _pendingRelease = true;
        _sampleRate = sampleRate;
        EngineAvailable = sampleRate >= MinSampleRate && sampleRate <= MaxSampleRate;
        if (EngineAvailable) BuildEngines();
        return true;
    }

    public void SetActive(bool active)
    {
        if (active == IsActive) return;
        IsActive = active;
        // Whatever sounded is ended at the start of the next processed block; the stream starts afresh.
        _pendingRelease = true;
        foreach (INoteEngine e in _engines) e.Reset();
    }

    public void SetProcessing(bool processing)
    {
        if (processing == IsProcessing) return;
        IsProcessing = processing;
        if (!processing) _pendingRelease = true;
    }

    /// <summary>The plugin is being destroyed: no more blocks will come, so sounding notes can only be forgotten.</summary>
    public void Terminate()
    {
        _output.Forget();
    }

    private void BuildEngines()
    {
        var engines = new INoteEngine[ProgramList.Count];
        for (int i = 0; i < engines.Length; i++) engines[i] = ProgramList.Create(i, _sampleRate, _settings);
        int selected = Math.Clamp((int)_plain[(int)ParameterId.Engine], 0, engines.Length - 1);
        _engines = engines;
        _engine = engines[selected];
    }
}
