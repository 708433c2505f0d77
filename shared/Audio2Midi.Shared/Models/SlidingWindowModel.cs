namespace Audio2Midi.Models;

/// <summary>
/// A windowed model (crnn, transformer, unet) run live: the last <c>window</c> frames are kept in a ring; every
/// <see cref="HopFrames"/> frames the model runs over them (<see cref="OnnxWindowRun"/>, no allocation) and the
/// <see cref="HopFrames"/> frames that now have at least <c>lookAhead</c> frames after them in the window are handed
/// out, one per step. So frame t comes out at step t + lookAhead + hop - 1 (<see cref="DelayFrames"/>), having seen
/// between lookAhead and lookAhead + hop - 1 frames of its future, and up to a window of its past. The window starts
/// as zeros (the normalised mean), as the offline transcriber pads.
/// </summary>
public sealed class SlidingWindowModel : IFrameModel
{
    /// <summary>Frames between runs: one run per 100 ms keeps the cost near the live model's (measured, see README).</summary>
    public const int HopFrames = 10;

    private readonly OnnxWindowRun _run;
    private readonly float[] _ring;
    private readonly float[] _ready;
    private readonly int _window, _lookAhead, _bins, _outputs;
    private int _head;     // ring slot the next frame goes to
    private int _seen;     // frames since the last run
    private int _handed;   // frames of _ready handed out

    public SlidingWindowModel(OnnxFrameModel model, int windowFrames, int lookAheadFrames)
    {
        if (model.Streams) throw new ArgumentException($"{model.Path}: a streaming model needs no sliding window", nameof(model));
        if (lookAheadFrames < 0 || lookAheadFrames + HopFrames > windowFrames)
            throw new ArgumentOutOfRangeException(nameof(lookAheadFrames), lookAheadFrames, $"look-ahead plus hop ({HopFrames}) must fit in the window ({windowFrames} frames)");
        _window = windowFrames;
        _lookAhead = lookAheadFrames;
        _bins = model.InputBins;
        _outputs = model.OutputSize;
        _run = model.CreateWindowRun(windowFrames);
        _ring = new float[windowFrames * _bins];
        _ready = new float[HopFrames * _outputs];
        Reset();
    }

    public int InputBins => _bins;

    public int OutputSize => _outputs;

    public int DelayFrames => _lookAhead + HopFrames - 1;

    public void Step(ReadOnlySpan<float> features, Span<float> posteriors)
    {
        features[.._bins].CopyTo(_ring.AsSpan(_head * _bins, _bins));
        _head = (_head + 1) % _window;
        if (++_seen == HopFrames)
        {
            _seen = 0;
            RunWindow();
        }
        if (_handed < HopFrames) _ready.AsSpan(_handed * _outputs, _outputs).CopyTo(posteriors);
        else posteriors[.._outputs].Clear();
        _handed++;
    }

    /// <summary>The window in time order (the ring from its oldest slot), the model over it, and the hop's frames kept.</summary>
    private void RunWindow()
    {
        int oldest = _head * _bins;
        _ring.AsSpan(oldest).CopyTo(_run.Input);
        _ring.AsSpan(0, oldest).CopyTo(_run.Input.AsSpan(_ring.Length - oldest));
        _run.Run();
        int first = _window - _lookAhead - HopFrames;
        _run.Output.AsSpan(first * _outputs, HopFrames * _outputs).CopyTo(_ready);
        _handed = 0;
    }

    public void Reset()
    {
        Array.Clear(_ring);
        Array.Clear(_ready);
        _head = 0;
        _seen = 0;
        _handed = HopFrames;
    }

    public void Dispose() => _run.Dispose();
}
