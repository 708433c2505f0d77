namespace Audio2Midi.Notes;

/// <summary>
/// Onsets a shorter head heard and the deciding head did not. A long head hears a fast legato change (a melisma) with
/// a broad, low onset peak that often stays under its threshold; the shorter head, aligned to the same frame
/// (<see cref="Models.F0HeadAligner"/>), often does not miss it. Its onset counts only where the deciding head has not
/// risen within <see cref="WindowFrames"/> frames either side: onsets both heard keep the deciding head's timing.
/// </summary>
/// <remarks>
/// Development sets, 250 ms / offline COnP F1 (training/runs/f0-headmix-PLAN.md): hust validation 0.669 / 0.704 ->
/// 0.667 / 0.702, synth dev 0.821 / 0.816 -> 0.836 / 0.831, melisma dev 0.643 / 0.643 -> 0.655 / 0.713. Taking the larger
/// of the two heads' onsets instead moved onsets both had heard 5 ms earlier and lost 0.013 on hust validation.
/// </remarks>
public sealed class OnsetFillIn
{
    /// <summary>Frames either side of the shorter head's rise in which a rise of the deciding head makes it the same onset; also the wait before a fill-in is decided.</summary>
    public const int WindowFrames = 4;

    private readonly OnsetRise _partner;
    private long _lastOwnRise;
    private long _rise;
    private float _riseConfidence;

    /// <param name="threshold">The shorter head's own onset threshold.</param>
    public OnsetFillIn(double threshold)
    {
        _partner = new OnsetRise(threshold);
        Reset();
    }

    public void Reset()
    {
        _partner.Reset();
        _lastOwnRise = long.MinValue / 2;
        _rise = -1;
    }

    /// <summary>
    /// One decided frame <paramref name="t"/>: whether the deciding head's onset rose through its threshold there, and
    /// the shorter head's onset probability for the same frame. Returns the frame where a missed onset began (the
    /// shorter head's rise, <see cref="WindowFrames"/> frames ago) with its onset probability, or -1.
    /// </summary>
    public long Step(long t, bool ownRise, float partnerOnset, out float confidence)
    {
        confidence = 0;
        if (ownRise)
        {
            _lastOwnRise = t;
            _rise = -1;   // heard by the deciding head itself, within the window after the shorter one: its timing
        }
        if (_partner.Step(partnerOnset) && t - _lastOwnRise > WindowFrames)
        {
            _rise = t;
            _riseConfidence = partnerOnset;
        }
        if (_rise < 0 || t - _rise < WindowFrames) return -1;
        long missed = _rise;
        confidence = _riseConfidence;
        _rise = -1;
        return missed;
    }
}
