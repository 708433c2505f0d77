namespace Audio2Midi.Notes;

/// <summary>
/// Follows how far the singer's tuning sits from A = 440 Hz, as a fraction of a semitone in [-0.5, 0.5):
/// the circular mean of the fractional part of every steadily voiced pitch, with a time constant of
/// several seconds. A singer who is consistently 40 cents flat means the note above, not the one below;
/// rounding relative to their own tuning gets it right. Allocation-free.
/// </summary>
public sealed class TuningTracker
{
    private readonly double _rate;
    private double _sumCos;
    private double _sumSin;
    private double _weight;

    /// <param name="frameMs">Duration of one frame.</param>
    /// <param name="timeConstantSeconds">How much recent singing the estimate remembers.</param>
    public TuningTracker(double frameMs, double timeConstantSeconds = 8.0)
    {
        _rate = frameMs / (1000.0 * timeConstantSeconds);
    }

    /// <summary>Current tuning offset in semitones (0 until enough singing has been heard).</summary>
    public double Offset { get; private set; }

    public void Add(double midi)
    {
        double angle = 2 * Math.PI * (midi - Math.Round(midi));
        _sumCos += _rate * (Math.Cos(angle) - _sumCos);
        _sumSin += _rate * (Math.Sin(angle) - _sumSin);
        _weight += _rate * (1 - _weight);
        // Trust the estimate only once it is consistent: the resultant length of the mean vector
        // (relative to the weight gathered) is near 1 for a steady tuning, near 0 for none.
        double length = Math.Sqrt(_sumCos * _sumCos + _sumSin * _sumSin);
        double confidence = _weight > 0 ? length / _weight : 0;
        Offset = confidence > 0.2 && _weight > 0.05 ? Math.Atan2(_sumSin, _sumCos) / (2 * Math.PI) : 0;
    }

    public void Reset()
    {
        _sumCos = _sumSin = _weight = 0;
        Offset = 0;
    }
}
