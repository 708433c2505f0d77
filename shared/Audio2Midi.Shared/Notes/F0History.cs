namespace Audio2Midi.Notes;

/// <summary>
/// The last <see cref="Capacity"/> frames of f0 (MIDI, NaN unvoiced) by frame number, and the questions the f0 note
/// decoder asks of them: a robust centre over a stretch, and whether a stretch is voiced.
/// </summary>
/// <remarks>Real time: both buffers are allocated in the constructor; nothing here allocates or throws.</remarks>
internal sealed class F0History
{
    /// <summary>10 s of 5 ms frames: the longest note a whole-note pitch is taken over.</summary>
    public const int Capacity = 2048;

    private readonly double[] _midi = new double[Capacity];      // ring, by frame number
    private readonly double[] _scratch = new double[Capacity];

    public F0History() => Reset();

    /// <summary>The newest frame pushed (-1 before the first).</summary>
    public long Newest { get; private set; }

    public void Reset()
    {
        Array.Fill(_midi, double.NaN);
        Newest = -1;
    }

    /// <summary>Adds the next frame's f0 (anything not finite counts as unvoiced).</summary>
    public void Push(double midi)
    {
        Newest++;
        _midi[Slot(Newest)] = double.IsFinite(midi) ? midi : double.NaN;
    }

    /// <summary>The f0 of <paramref name="frame"/> (NaN when unvoiced or not held).</summary>
    public double At(long frame) => frame < 0 || frame > Newest || frame <= Newest - Capacity ? double.NaN : _midi[Slot(frame)];

    /// <summary>The median voiced f0 over frames [from, to] (NaN if none is voiced); frames not held (before the first, or too old) are skipped.</summary>
    public double Median(long from, long to)
    {
        int n = 0;
        for (long k = Math.Max(Math.Max(from, 0), Newest - Capacity + 1); k <= to && k <= Newest; k++)
        {
            double v = _midi[Slot(k)];
            if (!double.IsNaN(v)) _scratch[n++] = v;
        }
        return F0Median.Of(_scratch.AsSpan(0, n));
    }

    /// <summary>Whether every frame from <paramref name="from"/> over the next <paramref name="frames"/> that has been pushed is voiced.</summary>
    public bool VoicedFrom(long from, int frames)
    {
        for (long k = from; k < from + frames && k <= Newest; k++)
            if (double.IsNaN(At(k))) return false;
        return true;
    }

    private static int Slot(long frame) => (int)(frame % Capacity);
}
