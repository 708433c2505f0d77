namespace Audio2Midi.Dsp;

/// <summary>
/// The most recent samples of a stream, readable as one contiguous span without copying:
/// every sample is written twice, at i and i + capacity, so the last N samples never wrap.
/// Allocates only in the constructor.
/// </summary>
public sealed class SampleHistory
{
    private readonly float[] _buffer;
    private readonly int _capacity;
    private int _writeIndex;

    public SampleHistory(int capacity)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        _capacity = capacity;
        _buffer = new float[capacity * 2];
    }

    public int Capacity => _capacity;

    /// <summary>Total samples pushed since construction or <see cref="Clear"/>.</summary>
    public long Count { get; private set; }

    public void Push(float sample)
    {
        _buffer[_writeIndex] = sample;
        _buffer[_writeIndex + _capacity] = sample;
        _writeIndex++;
        if (_writeIndex == _capacity) _writeIndex = 0;
        Count++;
    }

    /// <summary>The newest <paramref name="length"/> samples, oldest first (zeros before the stream began).</summary>
    public ReadOnlySpan<float> Latest(int length)
    {
        if ((uint)length > (uint)_capacity) throw new ArgumentOutOfRangeException(nameof(length));
        return new ReadOnlySpan<float>(_buffer, _writeIndex + _capacity - length, length);
    }

    public void Clear()
    {
        Array.Clear(_buffer);
        _writeIndex = 0;
        Count = 0;
    }
}
