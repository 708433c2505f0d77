namespace Audio2Midi.Training.Models;

/// <summary>
/// The shape of a model: what `a2m tune` searches and what a checkpoint and an exported preset record, so the
/// same numbers rebuild the same network. Input: normalised log-CQT frames; output per frame: onset, frame and
/// offset logits per pitch, then one voicing logit (<see cref="Audio2Midi.Models.PosteriorLayout"/>).
/// </summary>
public sealed record ModelConfig
{
    public ModelKind Kind { get; init; } = ModelKind.Live;

    /// <summary>Channels of the two time-frequency convolutions.</summary>
    public int ConvChannels { get; init; } = 16;

    /// <summary>Width of the recurrent layer (and of the projection in front of it).</summary>
    public int Hidden { get; init; } = 128;

    /// <summary>Recurrent layers.</summary>
    public int Depth { get; init; } = 1;

    public double Dropout { get; init; } = 0.2;

    /// <summary>Frequency kernel of the convolutions, in CQT bins (odd).</summary>
    public int FrequencyKernel { get; init; } = 5;

    /// <summary>Time kernel of the convolutions, in frames: the live model sees this many frames back, never ahead.</summary>
    public int TimeKernel { get; init; } = 3;

    /// <summary>Max-pooling over frequency after the convolutions (3 = one value per semitone at 36 bins/octave).</summary>
    public int FrequencyPool { get; init; } = 3;

    public void Validate(int bins)
    {
        if (ConvChannels is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(ConvChannels), ConvChannels, "conv channels must be 1..256");
        if (Hidden is < 4 or > 2048) throw new ArgumentOutOfRangeException(nameof(Hidden), Hidden, "hidden width must be 4..2048");
        if (Depth is < 1 or > 8) throw new ArgumentOutOfRangeException(nameof(Depth), Depth, "depth must be 1..8");
        if (!(Dropout >= 0 && Dropout < 1)) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "dropout must be in [0, 1)");
        if (FrequencyKernel < 1 || FrequencyKernel % 2 == 0 || FrequencyKernel > 63) throw new ArgumentOutOfRangeException(nameof(FrequencyKernel), FrequencyKernel, "frequency kernel must be odd, 1..63");
        if (TimeKernel is < 1 or > 32) throw new ArgumentOutOfRangeException(nameof(TimeKernel), TimeKernel, "time kernel must be 1..32 frames");
        if (FrequencyPool < 1 || bins % FrequencyPool != 0) throw new ArgumentOutOfRangeException(nameof(FrequencyPool), FrequencyPool, $"frequency pool must divide the {bins} CQT bins");
    }
}
