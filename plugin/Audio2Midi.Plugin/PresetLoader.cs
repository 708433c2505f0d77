using Audio2Midi.Notes;
using Audio2Midi.Plugin.Interop;
using Audio2Midi.Presets;
using Audio2Midi.Threading;

namespace Audio2Midi.Plugin;

/// <summary>
/// Loads presets off the audio thread and off the host's main thread. A request (<see cref="Request"/>: volatile
/// writes and a <see cref="WakeSignal"/>, which never waits) wakes a background thread, which builds the preset's engines
/// (<see cref="PresetEngineSet"/>), runs them once over silence so the first real block pays no first-run cost, and
/// publishes the result in one slot the audio thread takes with one exchange (<see cref="TakeResult"/>). Sets the
/// processor no longer runs come back through <see cref="Retire"/> and are disposed here, never on the audio thread.
/// The thread sleeps in the kernel while there is nothing to do (no polling: an idle instance wakes no CPU); it is
/// started on first need (<see cref="Start"/>, main thread) and ends with the instance (<see cref="Dispose"/>). No host
/// call waits for a load: the processor plays pYIN until the load is taken at the start of a block.
/// </summary>
internal sealed class PresetLoader : IDisposable
{
    /// <summary>How long <see cref="Dispose"/> waits for a load in progress to finish before leaving the thread to end on its own.</summary>
    private static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(10);

    private Thread? _thread;
    private readonly WakeSignal _wake = new();
    private readonly NoteSettings _settings;
    private volatile bool _stopping;
    private long _requestSerial;      // bumped by each request
    private long _handledSerial;
    private int _requestedProgram;
    private double _requestedRate;
    private int _requestedGeneration;
    private PresetLoad? _result;
    private readonly PresetEngineSet?[] _retired = new PresetEngineSet?[8];
    private int _noticedStatus = -1;   // a status the audio thread reports, for the log
    private int _noticedProgram;
    private int _loggedStatus = -1;

    public PresetLoader(NoteSettings settings) => _settings = settings;

    /// <summary>True once the thread runs (requests from the audio thread need it).</summary>
    public bool IsRunning => _thread is not null;

    /// <summary>Starts the loading thread (main thread); a no-op when it runs or after <see cref="Dispose"/>.</summary>
    public void Start()
    {
        if (_thread is not null || _stopping) return;
        _thread = new Thread(Run) { IsBackground = true, Name = "Audio2Midi preset loader", Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    /// <summary>Asks for <paramref name="program"/> at <paramref name="sampleRate"/> (any thread; no allocation, no wait). A newer request replaces an older one.</summary>
    public void Request(int program, double sampleRate, int generation)
    {
        Volatile.Write(ref _requestedProgram, program);
        Volatile.Write(ref _requestedRate, sampleRate);
        Volatile.Write(ref _requestedGeneration, generation);
        Interlocked.Increment(ref _requestSerial);
        _wake.Signal();
    }

    /// <summary>True while a request has not been answered yet (a load is waiting or in progress).</summary>
    public bool Pending => Interlocked.Read(ref _requestSerial) != Volatile.Read(ref _handledSerial) || _loading;

    private volatile bool _loading;

    /// <summary>The finished load, if one is waiting (audio thread: one exchange).</summary>
    public PresetLoad? TakeResult() => Interlocked.Exchange(ref _result, null);

    /// <summary>Hands back a set the processor stopped running; false when the hand-back slots are all full (then the caller keeps it).</summary>
    public bool Retire(PresetEngineSet set)
    {
        for (int i = 0; i < _retired.Length; i++)
            if (Interlocked.CompareExchange(ref _retired[i], set, null) is null)
            {
                _wake.Signal();
                return true;
            }
        return false;
    }

    /// <summary>Builds a preset's engines now, on the calling thread (main thread, while not processing).</summary>
    public static PresetLoad Load(int program, double sampleRate, NoteSettings settings, int generation)
    {
        PresetEntry entry = ProgramList.Entry(program);
        if (!Processor.IsEngineRate(sampleRate))
        {
            string reason = $"preset '{entry.Name}' cannot run: {EngineStatusText.RateReason(sampleRate)}; no engine runs at this rate";
            PluginLog.Write(reason);
            return new PresetLoad(program, generation, null, EngineStatus.NoEngineAtRate, reason);
        }
        try
        {
            OnnxRuntimeResolver.Install();
            PresetEngineSet set = PresetEngineSet.Load(entry, sampleRate, settings, backgroundWindows: true);
            WarmUp(set, sampleRate);
            if (entry.IsModel) PluginLog.Write($"preset '{entry.Name}' loaded from {entry.ManifestPath} at {sampleRate} Hz");
            return new PresetLoad(program, generation, set, EngineStatus.ModelRunning, null);
        }
        catch (Exception e)
        {
            EngineStatus status = EngineStatusText.Classify(e, entry);
            string message = $"preset '{entry.Name}' cannot run, pYIN runs instead ({EngineStatusText.Names[(int)status]}): {EngineStatusText.Reason(e)}";
            PluginLog.Write(message);
            return new PresetLoad(program, generation, null, status, message);
        }
    }

    /// <summary>
    /// A short sung phrase (two notes, then silence) through the engine of every Latency step, then a reset: first runs
    /// (ONNX Runtime's, each step's own buffers, and code that only voiced frames reach, such as the first sort of a
    /// note's f0, which initialises a runtime type) are slow and may allocate, and the audio thread may switch to any
    /// step. (Warming step 0 with silence let the first notes after a switch to the f0 preset allocate; the soak found it.)
    /// </summary>
    public static void WarmUp(PresetEngineSet set, double sampleRate)
    {
        float[] phrase = WarmUpPhrase(sampleRate);
        var sink = new DiscardingSink();
        for (int step = 0; step < Placement.LatencySteps.Milliseconds.Count; step++)
        {
            Engine.INoteEngine engine = set.At(step);
            engine.Process(phrase, sink);
            engine.Reset();
        }
    }

    /// <summary>A3 then C4 for 0.3 s each (harmonic tones, as a voice), then 0.3 s of silence.</summary>
    private static float[] WarmUpPhrase(double sampleRate)
    {
        int note = (int)(0.3 * sampleRate);
        var x = new float[3 * note];
        for (int i = 0; i < 2 * note; i++)
        {
            double f = i < note ? 220.0 : 261.63;
            double s = 0;
            for (int k = 1; k <= 6 && k * f < sampleRate / 2; k++) s += Math.Sin(2 * Math.PI * k * f * i / sampleRate) / k;
            x[i] = (float)(0.2 * s);
        }
        return x;
    }

    private void Run()
    {
        while (!_stopping)
        {
            int token = _wake.Token;   // read before looking for work: a signal after this makes Wait return at once
            DisposeRetired();
            long serial = Interlocked.Read(ref _requestSerial);
            if (serial != _handledSerial)
            {
                _loading = true;
                Volatile.Write(ref _handledSerial, serial);
                int program = Volatile.Read(ref _requestedProgram);
                double rate = Volatile.Read(ref _requestedRate);
                int generation = Volatile.Read(ref _requestedGeneration);
                PresetLoad load = Load(program, rate, _settings, generation);
                // A newer request already waiting makes this one stale: drop it rather than swap twice.
                if (Interlocked.Read(ref _requestSerial) != serial || _stopping) load.Set?.Dispose();
                else if (Interlocked.Exchange(ref _result, load) is { } stale) stale.Set?.Dispose();
                _loading = false;
                continue;
            }
            LogNoticedStatus();
            if (!_stopping) _wake.Wait(token);
        }
        DisposeRetired();
        Interlocked.Exchange(ref _result, null)?.Set?.Dispose();
    }

    /// <summary>The audio thread's report of a status it switched to (two writes; the log line is written here).</summary>
    public void Notice(EngineStatus status, int program)
    {
        Volatile.Write(ref _noticedProgram, program);
        Volatile.Write(ref _noticedStatus, (int)status);
        _wake.Signal();
    }

    private void LogNoticedStatus()
    {
        int status = Volatile.Read(ref _noticedStatus);
        if (status == _loggedStatus) return;
        _loggedStatus = status;
        if (status < 0 || !EngineStatusText.IsFallback((EngineStatus)status)) return;
        string name = ProgramList.Entry(Volatile.Read(ref _noticedProgram)).Name;
        PluginLog.Write($"'{name}': {EngineStatusText.Names[status]}");
    }

    private void DisposeRetired()
    {
        for (int i = 0; i < _retired.Length; i++) Interlocked.Exchange(ref _retired[i], null)?.Dispose();
    }

    /// <summary>Ends the thread (main thread, when the plugin is terminated): a load in progress is waited for, then dropped.</summary>
    public void Dispose()
    {
        _stopping = true;
        _wake.Signal();
        Thread? thread = _thread;
        if (thread is not null && Thread.CurrentThread != thread) thread.Join(DisposeWait);
        DisposeRetired();
    }
}

/// <summary>Takes events and drops them (the warm-up pass).</summary>
internal sealed class DiscardingSink : Engine.INoteEventSink
{
    public void OnEvent(in Engine.NoteEvent e) { }
}

/// <summary>A finished load: the engines (null when it failed) and the status the processor shows.</summary>
internal sealed record PresetLoad(int Program, int Generation, PresetEngineSet? Set, EngineStatus Status, string? Problem);
