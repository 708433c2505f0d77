namespace Audio2Midi.Models;

/// <summary>
/// A shorter head's outputs, held until the deciding head reaches the frame they decide. Every head is an output of
/// the one network at every frame, and a head with less look-ahead decides a frame earlier: its verdict on the frame
/// the deciding head decides now arrived (the difference of their delays) frames ago.
/// </summary>
/// <remarks>Real time: the ring is allocated in the constructor; <see cref="Push"/> never allocates.</remarks>
public sealed class F0HeadAligner
{
    private readonly int _partnerOffset, _lag;
    private readonly float[] _ring;   // the shorter head's outputs of the last lag + 1 frames
    private int _next;     // the slot the next frame is written to
    private int _filled;   // frames held, up to lag + 1

    /// <param name="heads">The model's heads.</param>
    /// <param name="head">The deciding head.</param>
    /// <param name="partner">The shorter head whose outputs are aligned to it.</param>
    public F0HeadAligner(F0Heads heads, int head, int partner)
    {
        if (head < 0 || head >= heads.Count) throw new ArgumentOutOfRangeException(nameof(head), head, $"the model has {heads.Count} heads");
        if (partner < 0 || partner >= head) throw new ArgumentOutOfRangeException(nameof(partner), partner, $"the aligned head must be shorter than head {head}");
        _partnerOffset = partner * F0Heads.PerHead;
        _lag = heads.DelayFrames[head] - heads.DelayFrames[partner];
        _ring = new float[(_lag + 1) * F0Heads.PerHead];
    }

    /// <summary>Frames the shorter head's verdict is held.</summary>
    public int LagFrames => _lag;

    public void Reset() => _next = _filled = 0;

    /// <summary>The shorter head's onset probability in the network's outputs of the newest frame (its verdict <see cref="LagFrames"/> frames past the frame the deciding head decides now).</summary>
    public float NewestOnset(ReadOnlySpan<float> outputs) => outputs[_partnerOffset + F0Heads.Onset];

    /// <summary>
    /// The network's outputs of one frame (every head); returns the shorter head's outputs for the frame the deciding
    /// head decides in this same frame, or an empty span while the shorter head has not decided that frame.
    /// </summary>
    public ReadOnlySpan<float> Push(ReadOnlySpan<float> outputs)
    {
        int slots = _lag + 1;
        outputs.Slice(_partnerOffset, F0Heads.PerHead).CopyTo(_ring.AsSpan(_next * F0Heads.PerHead));
        _next = (_next + 1) % slots;
        if (_filled < slots) _filled++;
        // The oldest frame held, lag frames before the one just written, is the frame the deciding head decides now.
        return _filled < slots ? default : _ring.AsSpan(_next * F0Heads.PerHead, F0Heads.PerHead);
    }
}
