namespace Audio2Midi.Features;

/// <summary>
/// Cuts a stream of frames into fixed-size windows of <see cref="WindowFrames"/> frames every <see cref="HopFrames"/>
/// frames, for training and for windowed inference alike. The last window of a stream is padded with
/// <see cref="PadValue"/> and its <see cref="Mask"/> is 0 on the padded frames. Allocation-free after construction.
/// </summary>
public sealed class WindowAssembler
{
    private readonly float[] _buffer;
    private readonly byte[] _mask;
    private int _filled;             // frames in the buffer
    private long _bufferStart;       // stream index of the buffer's first frame
    private long _pushed;
    private long _coveredUntil;      // frames [0, _coveredUntil) lie in an emitted window

    public WindowAssembler(int binCount, int windowFrames, int hopFrames, float padValue = 0f)
    {
        if (binCount < 1) throw new ArgumentOutOfRangeException(nameof(binCount));
        if (windowFrames < 1) throw new ArgumentOutOfRangeException(nameof(windowFrames));
        if (hopFrames < 1 || hopFrames > windowFrames) throw new ArgumentOutOfRangeException(nameof(hopFrames), hopFrames, "hop must be 1..windowFrames");
        BinCount = binCount;
        WindowFrames = windowFrames;
        HopFrames = hopFrames;
        PadValue = padValue;
        _buffer = new float[windowFrames * binCount];
        _mask = new byte[windowFrames];
    }

    public int BinCount { get; }
    public int WindowFrames { get; }
    public int HopFrames { get; }
    public float PadValue { get; }

    /// <summary>The window just completed (frame after frame); valid until the next call.</summary>
    public ReadOnlySpan<float> Window => _buffer;

    /// <summary>1 for a real frame, 0 for padding.</summary>
    public ReadOnlySpan<byte> Mask => _mask;

    /// <summary>Stream index of the window's first frame.</summary>
    public long WindowStartFrame { get; private set; }

    /// <summary>Adds one frame; true when it completes a window (read <see cref="Window"/> before the next call).</summary>
    public bool Push(ReadOnlySpan<float> frame)
    {
        if (frame.Length != BinCount) throw new ArgumentException("frame length must equal the bin count", nameof(frame));
        if (_filled == WindowFrames) Advance();
        frame.CopyTo(_buffer.AsSpan(_filled * BinCount, BinCount));
        _filled++;
        _pushed++;
        if (_filled < WindowFrames) return false;
        Emit(WindowFrames);
        return true;
    }

    /// <summary>At the end of a stream: true when frames not yet in any window remain; they are emitted padded.</summary>
    public bool Flush()
    {
        if (_filled == WindowFrames) Advance();
        if (_pushed == 0 && _coveredUntil == 0 && _filled == 0) return false;
        if (_coveredUntil >= _pushed) return false;
        _buffer.AsSpan(_filled * BinCount).Fill(PadValue);
        Emit(_filled);
        _filled = WindowFrames; // the next call advances past it
        return true;
    }

    public void Reset()
    {
        _filled = 0;
        _bufferStart = 0;
        _pushed = 0;
        _coveredUntil = 0;
        WindowStartFrame = 0;
    }

    private void Emit(int realFrames)
    {
        _mask.AsSpan(0, realFrames).Fill(1);
        _mask.AsSpan(realFrames).Clear();
        WindowStartFrame = _bufferStart;
        _coveredUntil = _bufferStart + realFrames;
    }

    private void Advance()
    {
        int keep = WindowFrames - HopFrames;
        _buffer.AsSpan(HopFrames * BinCount, keep * BinCount).CopyTo(_buffer);
        _filled = keep;
        _bufferStart += HopFrames;
    }
}
