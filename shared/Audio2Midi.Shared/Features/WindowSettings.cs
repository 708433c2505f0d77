namespace Audio2Midi.Features;

/// <summary>The fixed-size windows of frames that models are trained on (4 s by default, as the seed did).</summary>
public sealed record WindowSettings
{
    public double WindowSeconds { get; init; } = 4.0;

    /// <summary>Overlap of consecutive windows; the hop is the window minus the overlap.</summary>
    public double OverlapSeconds { get; init; } = 0.0;

    public int WindowFrames(CqtSettings cqt) => Math.Max(1, (int)Math.Round(WindowSeconds * cqt.FramesPerSecond));

    public int HopFrames(CqtSettings cqt) => WindowFrames(cqt) - (int)Math.Round(OverlapSeconds * cqt.FramesPerSecond);

    public void Validate(CqtSettings cqt)
    {
        if (!(WindowSeconds > 0 && WindowSeconds <= 600)) throw new ArgumentOutOfRangeException(nameof(WindowSeconds), WindowSeconds, "window must be in (0, 600] s");
        if (!(OverlapSeconds >= 0) || HopFrames(cqt) < 1) throw new ArgumentOutOfRangeException(nameof(OverlapSeconds), OverlapSeconds, "overlap must be >= 0 and leave a hop of at least one frame");
    }
}
