using Audio2Midi.Threading;

namespace Audio2Midi.Models;

/// <summary>
/// A windowed model (crnn, transformer, unet) run live. The last frames are kept in a ring; every
/// <see cref="HopFrames"/> frames the model is run over the live window (its own window for fixed-size models,
/// else look-ahead + hop + <see cref="PastFrames"/> of the past, which is what costs) and, one hop later, the
/// <see cref="HopFrames"/> frames of that run that had at least the look-ahead after them are handed out, one per
/// step. So frame t comes out at step t + lookAhead + 2 hops - 1 (<see cref="DelayFrames"/>), having seen between
/// lookAhead and lookAhead + hop - 1 frames of its future. The window starts as zeros (the normalised mean), as the
/// offline transcriber pads.
/// <para>
/// The extra hop is the run's time: with <c>background</c> (the plugin) the model runs on a worker thread of its own
/// that sleeps until a run is submitted (<see cref="WakeSignal"/>: the audio thread's signal is an atomic increment and
/// a wake that never waits), so the audio thread only copies the window out and the results back (no allocation, no
/// lock, no wait) and an idle worker wakes nothing; without it (the command line) the run happens at once, and the outputs are the same whenever the worker
/// keeps up. A run not finished when its frames are due is dropped (its frames come out as zeros) and counted in
/// <see cref="LateRuns"/>, which the plugin treats as an overrun.
/// </para>
/// </summary>
public sealed class SlidingWindowModel : IFrameModel
{
    /// <summary>Frames between runs (250 ms): fewer runs cost less, each hop adds its length to the latency twice.</summary>
    public const int HopFrames = 25;

    /// <summary>Frames of the past the live window of a variable-length model keeps before the frames it hands out.</summary>
    public const int PastFrames = 40;

    private const int Idle = 0, Submitted = 1, Done = 2;

    private readonly OnnxWindowRun _run;
    private readonly float[] _ring;
    private readonly float[] _ready;
    private readonly int _window, _lookAhead, _bins, _outputs;
    private readonly Thread? _worker;
    private readonly WakeSignal? _submitted;   // the worker's wake-up (with a worker only)
    private volatile bool _stopping;
    private int _state = Idle;     // of _run: written by the audio thread (Idle -> Submitted) and the worker (-> Done)
    private int _head;             // ring slot the next frame goes to
    private int _seen;             // frames since the last run
    private int _handed;           // frames of _ready handed out
    private int _generation;       // bumped by Reset: a run submitted before it is not handed out
    private int _runGeneration;
    private long _runTicks;        // the worker's time in runs, and their count (diagnostics, written by the worker)
    private int _runs;

    /// <summary>Tests only: while set and not signalled, the worker holds a submitted run (a worker that cannot keep up, made deterministic).</summary>
    internal ManualResetEventSlim? HoldRuns;

    /// <summary>Tests only: a run is submitted and the worker has not finished it.</summary>
    internal bool RunPending => Volatile.Read(ref _state) == Submitted;

    public SlidingWindowModel(OnnxFrameModel model, int windowFrames, int lookAheadFrames, bool background = false)
    {
        if (model.Streams) throw new ArgumentException($"{model.Path}: a streaming model needs no sliding window", nameof(model));
        if (lookAheadFrames < 0 || lookAheadFrames + HopFrames > windowFrames)
            throw new ArgumentOutOfRangeException(nameof(lookAheadFrames), lookAheadFrames, $"look-ahead plus hop ({HopFrames}) must fit in the window ({windowFrames} frames)");
        _window = model.FixedFrames ?? Math.Min(windowFrames, lookAheadFrames + HopFrames + PastFrames);
        _lookAhead = lookAheadFrames;
        _bins = model.InputBins;
        _outputs = model.OutputSize;
        _run = model.CreateWindowRun(_window);
        _ring = new float[_window * _bins];
        _ready = new float[HopFrames * _outputs];
        Reset();
        if (background)
        {
            _submitted = new WakeSignal();
            _worker = new Thread(Work) { IsBackground = true, Name = "Audio2Midi windowed model" };
            _worker.Start();
        }
    }

    public int InputBins => _bins;

    public int OutputSize => _outputs;

    /// <summary>Frames the model sees per run.</summary>
    public int WindowFrames => _window;

    public int DelayFrames => _lookAhead + 2 * HopFrames - 1;

    /// <summary>Runs whose frames were due before the worker finished them (always 0 without a worker).</summary>
    public int LateRuns { get; private set; }

    public void Step(ReadOnlySpan<float> features, Span<float> posteriors)
    {
        features[.._bins].CopyTo(_ring.AsSpan(_head * _bins, _bins));
        _head = (_head + 1) % _window;
        if (++_seen == HopFrames)
        {
            _seen = 0;
            Collect();
            Submit();
        }
        if (_handed < HopFrames) _ready.AsSpan(_handed * _outputs, _outputs).CopyTo(posteriors);
        else posteriors[.._outputs].Clear();
        _handed++;
    }

    /// <summary>The previous run's hop of frames, if it is done; zeros (and a late run) if it is not.</summary>
    private void Collect()
    {
        _handed = 0;
        int state = Volatile.Read(ref _state);
        if (state == Done && _runGeneration == _generation)
        {
            int first = _window - _lookAhead - HopFrames;
            _run.Output.AsSpan(first * _outputs, HopFrames * _outputs).CopyTo(_ready);
        }
        else
        {
            Array.Clear(_ready);
            if (state == Submitted) LateRuns++;
        }
        if (state == Done) Volatile.Write(ref _state, Idle);
    }

    /// <summary>The window in time order (the ring from its oldest slot) into the run's input, and the run started.</summary>
    private void Submit()
    {
        if (Volatile.Read(ref _state) != Idle) return;   // still busy with a late run: skip this hop
        int oldest = _head * _bins;
        _ring.AsSpan(oldest).CopyTo(_run.Input);
        _ring.AsSpan(0, oldest).CopyTo(_run.Input.AsSpan(_ring.Length - oldest));
        _runGeneration = _generation;
        if (_worker is null)
        {
            _run.Run();
            Volatile.Write(ref _state, Done);
        }
        else
        {
            Volatile.Write(ref _state, Submitted);
            _submitted!.Signal();
        }
    }

    private void Work()
    {
        while (!_stopping)
        {
            int token = _submitted!.Token;
            if (Volatile.Read(ref _state) == Submitted)
            {
                HoldRuns?.Wait();
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                _run.Run();
                _runTicks += System.Diagnostics.Stopwatch.GetTimestamp() - start;
                _runs++;
                Volatile.Write(ref _state, Done);
            }
            else if (!_stopping) _submitted.Wait(token);
        }
    }

    /// <summary>Mean wall time of the worker's runs so far, in milliseconds (0 before any; benchmarks report it).</summary>
    public double MeanRunMilliseconds => _runs == 0 ? 0 : 1000.0 * _runTicks / _runs / System.Diagnostics.Stopwatch.Frequency;

    /// <summary>The worker's time spent in runs so far, in seconds (what it adds to the audio thread's cost).</summary>
    public double WorkerSeconds => (double)_runTicks / System.Diagnostics.Stopwatch.Frequency;

    public void Reset()
    {
        Array.Clear(_ring);
        Array.Clear(_ready);
        _head = 0;
        _seen = 0;
        _handed = HopFrames;
        _generation++;
    }

    public void Dispose()
    {
        _stopping = true;
        _submitted?.Signal();
        _worker?.Join();
        _run.Dispose();
    }
}
