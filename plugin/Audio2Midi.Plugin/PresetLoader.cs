using Audio2Midi.Notes;
using Audio2Midi.Plugin.Interop;
using Audio2Midi.Presets;

namespace Audio2Midi.Plugin;

/// <summary>
/// Loads presets off the audio thread. The audio thread posts a request (<see cref="Request"/>: two volatile writes,
/// nothing else); a background thread, polling every few milliseconds, builds the preset's engines
/// (<see cref="PresetEngineSet"/>), runs them once over silence so the first real block pays no first-run cost, and
/// publishes the result in one slot the audio thread takes with one exchange (<see cref="TakeResult"/>). Sets the
/// processor no longer runs come back through <see cref="Retire"/> and are disposed here, never on the audio thread.
/// The thread runs only while the processor is active (<see cref="Start"/>, <see cref="Stop"/>), so idle instances
/// cost nothing.
/// </summary>
internal sealed class PresetLoader : IDisposable
{
    private const int PollMilliseconds = 5;

    private Thread? _thread;
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

    /// <summary>Starts the loading thread (main thread, on activation); a no-op when it runs.</summary>
    public void Start()
    {
        if (_thread is not null) return;
        _stopping = false;
        _thread = new Thread(Run) { IsBackground = true, Name = "Audio2Midi preset loader", Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    /// <summary>Stops it (main thread, on deactivation): requests not yet answered are dropped, their sets disposed.</summary>
    public void Stop()
    {
        Thread? thread = _thread;
        if (thread is null) return;
        _stopping = true;
        if (Thread.CurrentThread != thread) thread.Join(TimeSpan.FromSeconds(10));
        _thread = null;
        _handledSerial = Interlocked.Read(ref _requestSerial);
    }

    /// <summary>Asks for <paramref name="program"/> at <paramref name="sampleRate"/> (any thread; no allocation). A newer request replaces an older one.</summary>
    public void Request(int program, double sampleRate, int generation)
    {
        Volatile.Write(ref _requestedProgram, program);
        Volatile.Write(ref _requestedRate, sampleRate);
        Volatile.Write(ref _requestedGeneration, generation);
        Interlocked.Increment(ref _requestSerial);
    }

    /// <summary>The finished load, if one is waiting (audio thread: one exchange).</summary>
    public PresetLoad? TakeResult() => Interlocked.Exchange(ref _result, null);

    /// <summary>Hands back a set the processor stopped running; false when the hand-back slots are all full (then the caller keeps it).</summary>
    public bool Retire(PresetEngineSet set)
    {
        for (int i = 0; i < _retired.Length; i++)
            if (Interlocked.CompareExchange(ref _retired[i], set, null) is null) return true;
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

    /// <summary>One pass over half a second of silence, then a reset: ONNX Runtime's first runs are slow and may allocate.</summary>
    private static void WarmUp(PresetEngineSet set, double sampleRate)
    {
        if (set.Model is null) return;
        var silence = new float[(int)(sampleRate / 2)];
        var sink = new DiscardingSink();
        Engine.INoteEngine engine = set.At(0);
        engine.Process(silence, sink);
        engine.Reset();
    }

    private void Run()
    {
        while (!_stopping)
        {
            DisposeRetired();
            long serial = Interlocked.Read(ref _requestSerial);
            if (serial != _handledSerial)
            {
                Volatile.Write(ref _handledSerial, serial);
                int program = Volatile.Read(ref _requestedProgram);
                double rate = Volatile.Read(ref _requestedRate);
                int generation = Volatile.Read(ref _requestedGeneration);
                PresetLoad load = Load(program, rate, _settings, generation);
                // A newer request already waiting makes this one stale: drop it rather than swap twice.
                if (Interlocked.Read(ref _requestSerial) != serial) load.Set?.Dispose();
                else if (Interlocked.Exchange(ref _result, load) is { } stale) stale.Set?.Dispose();
                continue;
            }
            LogNoticedStatus();
            Thread.Sleep(PollMilliseconds);
        }
        DisposeRetired();
        Interlocked.Exchange(ref _result, null)?.Set?.Dispose();
    }

    /// <summary>The audio thread's report of a status it switched to (two writes; the log line is written here).</summary>
    public void Notice(EngineStatus status, int program)
    {
        Volatile.Write(ref _noticedProgram, program);
        Volatile.Write(ref _noticedStatus, (int)status);
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

    public void Dispose()
    {
        Stop();
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
