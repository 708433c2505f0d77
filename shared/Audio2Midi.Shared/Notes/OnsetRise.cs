namespace Audio2Midi.Notes;

/// <summary>
/// A shorter head's onset probability rising through its threshold, frame by frame: the rule the onset fill-in
/// (<see cref="OnsetFillIn"/>) and the onsets ahead of a long head (<see cref="OnsetsAhead"/>) both apply to that head.
/// </summary>
public sealed class OnsetRise
{
    private readonly float _threshold;
    private float _previous;

    /// <param name="threshold">The shorter head's own onset threshold.</param>
    public OnsetRise(double threshold)
    {
        if (!(threshold > 0 && threshold < 1)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "an onset threshold is in (0, 1)");
        _threshold = (float)threshold;
    }

    public void Reset() => _previous = 0;

    /// <summary>The next frame's onset probability; true where it reaches the threshold from below it.</summary>
    public bool Step(float onset)
    {
        bool rose = onset >= _threshold && _previous < _threshold;
        _previous = onset;
        return rose;
    }
}
