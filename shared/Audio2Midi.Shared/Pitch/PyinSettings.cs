namespace Audio2Midi.Pitch;

/// <summary>
/// Analysis constants of the streaming pYIN tracker, in one place. The defaults trade a little pitch
/// robustness on very low voices for latency: a frame needs <see cref="WindowSamples"/> +
/// <see cref="MaxLag"/> samples, and every sample of it is delay before a note can start.
/// </summary>
public sealed record PyinSettings
{
    /// <summary>Internal analysis rate; host audio is resampled to it.</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Frame hop in internal samples (5 ms at 16 kHz).</summary>
    public int HopSamples { get; init; } = 80;

    /// <summary>Integration window W of the YIN difference function (16 ms at 16 kHz).</summary>
    public int WindowSamples { get; init; } = 256;

    /// <summary>Lowest pitch searched (Hz); sets the longest lag.</summary>
    public double MinFrequency { get; init; } = 60.0;

    /// <summary>Highest pitch searched (Hz); sets the shortest lag.</summary>
    public double MaxFrequency { get; init; } = 1500.0;

    /// <summary>Pitch states per semitone in the HMM (5 = 20-cent bins).</summary>
    public int BinsPerSemitone { get; init; } = 5;

    /// <summary>Largest pitch move between two frames the HMM allows, in semitones.</summary>
    public double MaxJumpSemitones { get; init; } = 2.5;

    /// <summary>Probability of switching between voiced and unvoiced from one frame to the next.</summary>
    public double VoicingSwitchProbability { get; init; } = 0.01;

    /// <summary>Weight given to YIN's pitch probabilities against the unvoiced hypothesis (pYIN's "YIN trust").</summary>
    public double YinTrust { get; init; } = 0.5;

    /// <summary>Fixed-lag of the Viterbi decoder in frames: 0 decodes causally, each frame adds a hop of latency.</summary>
    public int DecoderLagFrames { get; init; } = 0;

    public int MinLag => (int)Math.Floor(SampleRate / MaxFrequency);

    public int MaxLag => (int)Math.Ceiling(SampleRate / MinFrequency);

    /// <summary>Samples one frame looks at: the window plus the longest lag.</summary>
    public int FrameSpan => WindowSamples + MaxLag + 1;

    public void Validate()
    {
        if (SampleRate < 8000 || SampleRate > 96000) throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "internal rate must be 8-96 kHz");
        if (HopSamples < 1 || HopSamples > WindowSamples) throw new ArgumentOutOfRangeException(nameof(HopSamples), HopSamples, "hop must be 1..window");
        if (WindowSamples < 32) throw new ArgumentOutOfRangeException(nameof(WindowSamples), WindowSamples, "window too short");
        if (!(MinFrequency > 20 && MaxFrequency > MinFrequency * 2 && MaxFrequency < SampleRate / 4.0))
            throw new ArgumentOutOfRangeException(nameof(MaxFrequency), "need 20 Hz < min < max/2 and max < rate/4");
        if (BinsPerSemitone < 1 || BinsPerSemitone > 20) throw new ArgumentOutOfRangeException(nameof(BinsPerSemitone));
        if (DecoderLagFrames < 0 || DecoderLagFrames > 200) throw new ArgumentOutOfRangeException(nameof(DecoderLagFrames));
        if (!(YinTrust > 0 && YinTrust <= 1)) throw new ArgumentOutOfRangeException(nameof(YinTrust));
        if (!(VoicingSwitchProbability > 0 && VoicingSwitchProbability < 0.5)) throw new ArgumentOutOfRangeException(nameof(VoicingSwitchProbability));
    }
}
