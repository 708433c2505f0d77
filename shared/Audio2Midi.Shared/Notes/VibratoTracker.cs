namespace Audio2Midi.Notes;

/// <summary>
/// Recognises vibrato in a pitch track, one voiced frame at a time: the pitch turns round at regular
/// half-periods (4-11 Hz) and swings at least a third of a semitone peak to peak. While a vibrato goes on,
/// its centre (the mean of its last turning points) is the note being sung, however wide the swing;
/// operatic vibrato reaches a semitone or more either side and must not be heard as a trill.
/// Allocation-free.
/// </summary>
public sealed class VibratoTracker
{
    /// <summary>A turn must undo at least this much (semitones) to count: tracker jitter does not.</summary>
    public const double TurnHysteresis = 0.08;

    /// <summary>Smallest and largest peak-to-peak swing (semitones) taken for vibrato; wider is a melody.</summary>
    public const double MinSwing = 0.3, MaxSwing = 3.2;

    private readonly int _minHalfPeriod, _maxHalfPeriod;
    private readonly double[] _turnPitch = new double[3];
    private readonly long[] _turnFrame = new long[3];
    private int _turns;
    private long _frame;
    private int _direction;
    private double _extreme;
    private long _extremeFrame;

    /// <param name="frameMs">Duration of one pitch frame in milliseconds.</param>
    public VibratoTracker(double frameMs)
    {
        _minHalfPeriod = (int)Math.Floor(45 / frameMs);   // 11 Hz
        _maxHalfPeriod = (int)Math.Ceiling(125 / frameMs); // 4 Hz
    }

    /// <summary>True while the last three turning points form a vibrato and the latest is recent.</summary>
    public bool Active { get; private set; }

    /// <summary>The vibrato's centre (semitones, MIDI scale); meaningful while <see cref="Active"/>.</summary>
    public double Centre { get; private set; }

    /// <summary>Half the vibrato's recent peak-to-peak swing (semitones); meaningful while <see cref="Active"/>.</summary>
    public double Extent { get; private set; }

    public void Reset()
    {
        _turns = 0;
        _direction = 0;
        _frame = 0;
        Active = false;
    }

    /// <summary>Feeds the pitch of the next voiced frame. Call <see cref="Reset"/> when the voice stops.</summary>
    public void Add(double midi)
    {
        _frame++;
        if (_frame == 1) { _extreme = midi; _extremeFrame = _frame; }
        else if (_direction >= 0 && midi > _extreme || _direction <= 0 && midi < _extreme)
        {
            if (_direction == 0) _direction = midi > _extreme ? 1 : -1;
            _extreme = midi;
            _extremeFrame = _frame;
        }
        else if (Math.Abs(midi - _extreme) >= TurnHysteresis && _direction != 0)
        {
            Turn();
            _direction = -_direction;
            _extreme = midi;
            _extremeFrame = _frame;
        }
        Active = IsVibrato();
    }

    private void Turn()
    {
        if (_turns == 3)
        {
            _turnPitch[0] = _turnPitch[1]; _turnFrame[0] = _turnFrame[1];
            _turnPitch[1] = _turnPitch[2]; _turnFrame[1] = _turnFrame[2];
            _turns = 2;
        }
        _turnPitch[_turns] = _extreme;
        _turnFrame[_turns] = _extremeFrame;
        _turns++;
    }

    private bool IsVibrato()
    {
        if (_turns < 3 || _frame - _turnFrame[2] > _maxHalfPeriod) return false;
        for (int i = 1; i < 3; i++)
        {
            long half = _turnFrame[i] - _turnFrame[i - 1];
            double swing = Math.Abs(_turnPitch[i] - _turnPitch[i - 1]);
            if (half < _minHalfPeriod || half > _maxHalfPeriod || swing < MinSwing || swing > MaxSwing) return false;
        }
        // Weight the middle turn twice: the mean of a max and the mins either side (or the reverse)
        // stays on the centre when the vibrato drifts.
        Centre = (_turnPitch[0] + 2 * _turnPitch[1] + _turnPitch[2]) / 4;
        Extent = Math.Max(Math.Abs(_turnPitch[2] - _turnPitch[1]), Math.Abs(_turnPitch[1] - _turnPitch[0])) / 2;
        return true;
    }
}
