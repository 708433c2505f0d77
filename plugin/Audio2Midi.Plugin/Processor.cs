using Audio2Midi.Engine;
using Audio2Midi.Notes;
using Audio2Midi.Placement;
using Audio2Midi.Presets;

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
    private PresetEngineSet _pyin = null!;     // always built: the pYIN preset and every model preset's fallback
    private PresetEngineSet _active = null!;   // the set that runs (== _pyin when pYIN runs)
    private INoteEngine _engine = null!;       // _active at the applied Latency step
    private readonly PresetLoader _loader;
    private readonly AudioDelay _delay = new();
    private readonly float[] _mono = new float[MaxChunk];
    private double _sampleRate = 44100;

    public Processor()
    {
        FeedId = Editor.EditorFeeds.Register(Feed);
        _output.Feed = Feed;
        _loader = new PresetLoader(_settings);
        for (int i = 0; i < _plain.Length; i++) ApplyToSettings(Parameters.All[i].Id, _plain[i]);
        BuildEngines();
        BuildDelay();
    }

    public bool IsActive { get; private set; }

    /// <summary>What the audio thread shows the plugin's window (<see cref="Editor.EditorFeed"/>), and its number for the controller.</summary>
    public Editor.EditorFeed Feed { get; } = new();

    public int FeedId { get; }

    public bool IsProcessing { get; private set; }

    public double SampleRate => _sampleRate;

    public NoteSettings Settings => _settings;

    public INoteEngine Engine => _engine;

    /// <summary>Notes the host has been sent a NoteOn for and no NoteOff yet.</summary>
    public int SoundingNotes => _output.SoundingCount;

    /// <summary>The Latency step in milliseconds (0 = Instant): the one requested by the controller if it has not reached process yet.</summary>
    public int LatencyMs
    {
        get
        {
            int requested = Volatile.Read(ref _requestedLatencyMs);
            return requested >= 0 ? requested : Parameters.LatencyMs(_plain[(int)ParameterId.Latency]);
        }
    }

    private int _requestedLatencyMs = -1;

    /// <summary>
    /// The delay, in samples at the current rate, of the step the engine and the audio path run now: the step, or the
    /// selected preset's floor if that is longer (a windowed preset; <see cref="LatencySteps.FloorMs"/>).
    /// </summary>
    private int AppliedLatencySamples => LatencySteps.ToSamples(
        LatencySteps.EffectiveMs(Parameters.LatencyMs(_plain[(int)ParameterId.Latency]), ProgramList.Entry(SelectedProgram).FloorMs), _sampleRate);

    private int _requestedProgram = -1;

    /// <summary>The controller's new preset (any thread), ahead of the parameter change: getLatencySamples reports its floor at once.</summary>
    public void RequestPreset(int program)
    {
        if (program >= 0 && program < ProgramList.Count) Volatile.Write(ref _requestedProgram, program);
    }

    /// <summary>
    /// The controller's new Latency step (any thread), ahead of the parameter change the host will send:
    /// getLatencySamples reports it at once, and the next block (or activation) applies it.
    /// </summary>
    public void RequestLatency(int ms)
    {
        if (LatencySteps.IsStep(ms)) Volatile.Write(ref _requestedLatencyMs, ms);
    }

    /// <summary>Longest a requested step waits for the host to read the latency it moves to (hosts that never re-read it).</summary>
    public const double UnreadLatencyLimitSeconds = 1.0;

    private int _hostReadSamples = -1;   // what getLatencySamples last returned to the host (-1: never asked)
    private long _unreadSamples;         // audio processed while a requested step waits for the host to read it

    /// <summary>
    /// getLatencySamples (the host's UI thread): what <see cref="LatencySamples"/> reports, remembered as what the host
    /// now believes, so that a step waiting for that (<see cref="ApplyRequestedLatency"/>) may run.
    /// </summary>
    public int HostReadsLatency()
    {
        int samples = LatencySamples;
        Volatile.Write(ref _hostReadSamples, samples);
        return samples;
    }

    /// <summary>What getLatencySamples last returned to the host, or -1 before it asked.</summary>
    public int HostReadLatencySamples => Volatile.Read(ref _hostReadSamples);

    /// <summary>
    /// Applies a requested Latency step, at offset 0. In process, a step that moves the latency the host compensates
    /// waits until the host has read the new value (after the controller's restartComponent), so the notes and the
    /// audio stay placed for the latency the host believes; a host that never reads it gets the step after
    /// <see cref="UnreadLatencyLimitSeconds"/>. Outside process (activation) it applies at once: hosts read the
    /// latency when they activate.
    /// </summary>
    private void ApplyRequestedLatency(int frames = 0)
    {
        int requested = Volatile.Read(ref _requestedLatencyMs);
        if (requested >= 0)
        {
            int target = LatencySamples;
            if ((target == AppliedLatencySamples || HostHasRead(target, _unreadSamples)) && Interlocked.CompareExchange(ref _requestedLatencyMs, -1, requested) == requested)
            {
                _unreadSamples = 0;
                ApplyPlain(ParameterId.Latency, Parameters.LatencyPlain(requested), 0);
            }
            else _unreadSamples += frames;
        }
        int program = Interlocked.Exchange(ref _requestedProgram, -1);
        if (program >= 0) ApplyPlain(ParameterId.Engine, program, 0);
        FollowHostLatency(frames);
    }

    /// <summary>
    /// Whether a latency of <paramref name="target"/> samples may run: outside process (the host reads it on activation),
    /// once the host has read it, or after <see cref="UnreadLatencyLimitSeconds"/> of audio (<paramref name="unread"/>)
    /// for hosts that never read it again.
    /// </summary>
    private bool HostHasRead(int target, long unread) =>
        !_inProcess || Volatile.Read(ref _hostReadSamples) == target || unread >= UnreadLatencyLimitSeconds * _sampleRate;

    private bool _delayWaitsForHost;   // a preset's floor moved the latency in process: the delay follows once the host reads it
    private long _unreadDelaySamples;

    /// <summary>
    /// Block start: a delay a preset's floor moved waits, as a step does, until the host has read the new latency (or
    /// <see cref="UnreadLatencyLimitSeconds"/>); the notes of a windowed preset cannot come earlier than its floor, but
    /// the audio stays in time with the other tracks meanwhile.
    /// </summary>
    private void FollowHostLatency(int frames)
    {
        if (!_delayWaitsForHost) return;
        int target = AppliedLatencySamples;
        if (HostHasRead(target, _unreadDelaySamples))
        {
            _delay.SetDelay(target, crossfade: IsActive);
            _delayWaitsForHost = false;
            _unreadDelaySamples = 0;
        }
        else _unreadDelaySamples += frames;
    }

    /// <summary>
    /// What getLatencySamples reports: the Latency step (or the selected windowed preset's floor, if longer) at the
    /// current rate. The audio output is delayed by exactly this, and every note leaves at its sung position plus this
    /// (or as soon as it is decided).
    /// </summary>
    public int LatencySamples
    {
        get
        {
            int requested = Volatile.Read(ref _requestedProgram);
            int program = requested >= 0 ? requested : SelectedProgram;
            return LatencySteps.ToSamples(LatencySteps.EffectiveMs(LatencyMs, ProgramList.Entry(program).FloorMs), _sampleRate);
        }
    }

    /// <summary>Lowest and highest rates the engines run at; outside them audio passes through and no notes come.</summary>
    public const double MinSampleRate = 8000, MaxSampleRate = 384000;

    /// <summary>The rates setupProcessing accepts at all (1 kHz - 10 MHz); outside them it answers kInvalidArgument.</summary>
    public const double MinAcceptedRate = 1000, MaxAcceptedRate = 10_000_000;

    public static bool IsEngineRate(double sampleRate) => sampleRate >= MinSampleRate && sampleRate <= MaxSampleRate;

    /// <summary>False while the host runs at a rate the engines cannot analyse.</summary>
    public bool EngineAvailable { get; private set; } = true;

    /// <summary>Host's processing setup (main thread, inactive): builds the engines for the rate.</summary>
    public bool SetupProcessing(double sampleRate, int maxSamplesPerBlock)
    {
        // A rate no host uses is a wrong argument; a real rate outside the engines' range plays through with no engine.
        if (!(sampleRate >= MinAcceptedRate && sampleRate <= MaxAcceptedRate) || maxSamplesPerBlock < 0) return false;
        if (_output.SoundingCount > 0) _pendingRelease = true;
        _sampleRate = sampleRate;
        Feed.SampleRate = sampleRate;
        EngineAvailable = IsEngineRate(sampleRate);
        if (EngineAvailable) BuildEngines();
        else
        {
            _status = EngineStatus.NoEngineAtRate;
            PluginLog.Write($"{EngineStatusText.RateReason(sampleRate)}: no engine runs, the audio passes through");
        }
        BuildDelay();
        return true;
    }

    public void SetActive(bool active)
    {
        if (active == IsActive) return;
        ApplyRequestedLatency();
        IsActive = active;
        if (active)
        {
            _loader.Start();   // here, on the main thread: a preset chosen from the audio thread later needs it running
            if (_delay.MaxDelaySamples < LongestDelaySamples) BuildDelay();   // a rescan added a preset with a longer floor
            EnsureSelectedPresetRuns();
        }
        // Whatever sounded is ended at the start of the next processed block; the stream starts afresh.
        _pendingRelease = true;
        _engine.Reset();   // the other steps reset when they are selected
        _reportedStatus = -1;
        _delay.Clear();
        _delay.SetDelay(AppliedLatencySamples, crossfade: false);
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
        Editor.EditorFeeds.Unregister(FeedId);
        _output.Forget();
        _loader.Dispose();
        if (!ReferenceEquals(_active, _pyin)) _active?.Dispose();
    }

    /// <summary>
    /// The engines for the current rate (main thread, not processing): pYIN now, and the selected model preset asked of
    /// the loader, so setupProcessing returns at once and pYIN plays until the model is ready. Loads still in flight for
    /// the old rate are dropped (<see cref="_generation"/>).
    /// </summary>
    private void BuildEngines()
    {
        _generation++;
        PresetEngineSet? old = _active;
        PresetEngineSet? oldPyin = _pyin;
        _pyin = PresetEngineSet.Load(PresetEntry.Pyin, _sampleRate, _settings);
        PresetLoader.WarmUp(_pyin, _sampleRate);   // the audio thread's first blocks at any step then allocate nothing
        _active = _pyin;
        _status = EngineStatus.Pyin;
        _engine = SelectedEngine();
        if (old is not null && !ReferenceEquals(old, oldPyin)) old.Dispose();
        int program = SelectedProgram;
        if (ProgramList.Entry(program).IsModel) RequestLoad(program);
        else if (_missingPreset is not null) _status = EngineStatus.FallbackPresetNotFound;
    }

    /// <summary>The engine of the running preset at the applied Latency step.</summary>
    private INoteEngine SelectedEngine() => _active.At(Parameters.LatencyIndex(_plain[(int)ParameterId.Latency]));

    /// <summary>The longest delay any step or preset of the menu needs at the current rate.</summary>
    private int LongestDelaySamples => LatencySteps.ToSamples(Math.Max(LatencySteps.MaxMs, ProgramList.Catalog.Entries.Max(e => e.FloorMs)), _sampleRate);

    /// <summary>The audio delay line, sized for the longest step or preset floor at the current rate (main thread).</summary>
    private void BuildDelay()
    {
        _delay.Resize(LongestDelaySamples, _sampleRate);
        _delay.SetDelay(AppliedLatencySamples, crossfade: false);
    }
}
