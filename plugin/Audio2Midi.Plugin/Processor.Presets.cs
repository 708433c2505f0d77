using System.Diagnostics;
using Audio2Midi.Presets;

namespace Audio2Midi.Plugin;

/// <summary>
/// Presets: which one runs, switching, fallback and the Status parameter. Selecting pYIN switches at once (its
/// engines are always built). Selecting a model preset from the audio thread asks the <see cref="PresetLoader"/>;
/// the current engine keeps running until the loaded one is taken at the start of a later block, where sounding
/// notes end and the new engine starts afresh: no gap in the audio, no hanging note, nothing allocated here. From
/// the main thread (setup, activation, state) the load is asked of the loader too, so no host call waits for it; pYIN
/// plays (status Loading) until it is taken. A preset that cannot load, or whose
/// engine overruns its time budget for <see cref="OverrunBlocks"/> blocks in a row (or, for a windowed model on its
/// worker thread, misses <see cref="LateRunLimit"/> runs), is replaced by pYIN with a status that says why.
/// </summary>
internal sealed partial class Processor
{
    /// <summary>Consecutive over-budget blocks that make a model preset fall back to pYIN.</summary>
    public const int OverrunBlocks = 8;

    /// <summary>Windowed-model runs finished too late to use (<see cref="Models.SlidingWindowModel.LateRuns"/>) that make it fall back.</summary>
    public const int LateRunLimit = 3;

    private int _lateAtSwap;   // the running model's late runs when it was swapped in

    private int _generation;          // bumped per rebuild: loads for an older rate are dropped
    private EngineStatus _status = EngineStatus.Pyin;
    private int _reportedStatus = -1; // last value sent to the host's Status parameter
    private PluginState.PresetIdentity? _missingPreset;  // a saved preset not installed here: kept so saving again loses nothing
    private bool _inProcess;
    private int _overruns;
    private bool _tooSlow;

    /// <summary>Share of a block's real-time duration a model engine may take before the block counts as an overrun.</summary>
    public double OverrunBudgetFraction { get; set; } = 0.5;

    public EngineStatus Status => _status;

    /// <summary>The preset whose engine runs now (pYIN while a model loads elsewhere or after a fallback).</summary>
    public PresetEntry RunningPreset => _active.Entry;

    /// <summary>The program the Preset parameter selects.</summary>
    public int SelectedProgram => Math.Clamp((int)Math.Round(_plain[(int)ParameterId.Engine]), 0, ProgramList.Count - 1);

    /// <summary>The Preset parameter moved (its notes are already released): run the program it names.</summary>
    private void SelectProgram()
    {
        if (_pyin is null) return;   // during construction: BuildEngines comes next
        if (!EngineAvailable)
        {
            _status = EngineStatus.NoEngineAtRate;   // nothing runs at this rate, whichever preset is chosen
            return;
        }
        int program = SelectedProgram;
        PresetEntry entry = ProgramList.Entry(program);
        if (!entry.IsModel)
        {
            SwapTo(_pyin, _missingPreset is null ? EngineStatus.Pyin : EngineStatus.FallbackPresetNotFound);
            return;
        }
        if (!ReferenceEquals(_active, _pyin) && string.Equals(_active.Entry.ManifestPath, entry.ManifestPath, StringComparison.Ordinal))
        {
            SwapTo(_active, EngineStatus.ModelRunning);
            return;
        }
        RequestLoad(program);
    }

    /// <summary>Asks the loader for <paramref name="program"/>; what runs now (pYIN after setup) runs on, status Loading, until the load is taken.</summary>
    private void RequestLoad(int program)
    {
        if (!_inProcess) _loader.Start();   // a thread is started on the main thread only
        _status = EngineStatus.Loading;
        _loader.Request(program, _sampleRate, _generation);
    }

    /// <summary>Activation (main thread): a preset selected while inactive, or whose load the last deactivation dropped, is loaded now.</summary>
    private void EnsureSelectedPresetRuns()
    {
        PresetEntry entry = ProgramList.Entry(SelectedProgram);
        bool running = entry.IsModel
            ? !ReferenceEquals(_active, _pyin) && string.Equals(_active.Entry.ManifestPath, entry.ManifestPath, StringComparison.Ordinal)
            : ReferenceEquals(_active, _pyin);
        if (!running && !EngineStatusText.IsFallback(_status) && !(_status == EngineStatus.Loading && _loader.Pending)) SelectProgram();
    }

    /// <summary>A finished load becomes the running set, or pYIN with the reason it failed; a stale one is handed back.</summary>
    private void Apply(PresetLoad load)
    {
        if (load.Generation != _generation || load.Program != SelectedProgram)
        {
            if (load.Set is not null) Retire(load.Set);
            return;
        }
        if (load.Set is null) SwapTo(_pyin, load.Status);
        else SwapTo(load.Set, EngineStatus.ModelRunning);
    }

    private void SwapTo(PresetEngineSet set, EngineStatus status)
    {
        if (!ReferenceEquals(set, _active))
        {
            PresetEngineSet old = _active;
            _active = set;
            if (!ReferenceEquals(old, _pyin)) Retire(old);
        }
        _status = status;
        _overruns = 0;
        _tooSlow = false;
        _lateAtSwap = set.Model?.FrameModel.LateRuns ?? 0;
        _engine = SelectedEngine();
        _engine.Reset();
    }

    /// <summary>Off the audio thread it is disposed now; on it, the loader disposes it (or, if its slots are full, the finaliser).</summary>
    private void Retire(PresetEngineSet set)
    {
        if (!_inProcess) set.Dispose();
        else _loader.Retire(set);
    }

    /// <summary>Start of a block: a loaded preset swaps in, or a too-slow one gives way to pYIN; sounding notes end first.</summary>
    private void TakePresetChanges()
    {
        if (_loader.TakeResult() is { } load)
        {
            if (load.Generation == _generation && load.Program == SelectedProgram) ReleaseNotes(0);
            Apply(load);
        }
        if (_tooSlow)
        {
            ReleaseNotes(0);
            SwapTo(_pyin, EngineStatus.FallbackTooSlow);
            _loader.Notice(EngineStatus.FallbackTooSlow, SelectedProgram);
        }
    }

    /// <summary>Time stamp before the analysis of a block (0 when pYIN runs: nothing to watch).</summary>
    private long StartBudget() => ReferenceEquals(_active, _pyin) ? 0 : Stopwatch.GetTimestamp();

    /// <summary>After the analysis: counts blocks whose model engine took more than its share of the block's duration.</summary>
    private void EndBudget(long started, int frames)
    {
        if (started == 0 || frames == 0) return;
        double seconds = (double)(Stopwatch.GetTimestamp() - started) / Stopwatch.Frequency;
        if (seconds > OverrunBudgetFraction * frames / _sampleRate) _overruns++;
        else _overruns = 0;
        if (_overruns >= OverrunBlocks) _tooSlow = true;
        // A windowed model runs on its own thread: its overrun is a run that was not done when its frames were due.
        if (_active.Model is { } model && model.FrameModel.LateRuns - _lateAtSwap >= LateRunLimit) _tooSlow = true;
    }

    /// <summary>End of a block: a changed status goes to the host's read-only Status parameter.</summary>
    private void ReportStatus(IParameterOutput? output)
    {
        if (output is null || (int)_status == _reportedStatus) return;
        output.Set((uint)ParameterId.Status, 0, Parameters.All[(int)ParameterId.Status].ToNormalized((int)_status));
        _reportedStatus = (int)_status;
    }
}
