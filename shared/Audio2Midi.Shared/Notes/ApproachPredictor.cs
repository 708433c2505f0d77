namespace Audio2Midi.Notes;

/// <summary>
/// Where a pitch that is still moving into a note will come to rest. Singers reach a note by a glide
/// (legato) or a scoop (onset) that slows down as it arrives; while it slows, each frame's step is a
/// fraction of the one before, and the travel still to come is the tail of that geometric series.
/// Waiting until the pitch has stopped costs the 20-40 ms the glide's tail takes; predicting its end
/// lets a note start while the singer is still arriving, on the pitch they are arriving at.
/// </summary>
public static class ApproachPredictor
{
    /// <summary>Frames the prediction looks at: two spans of two steps each (20 ms at 5 ms frames), so one jittery frame cannot fake a slowdown.</summary>
    public const int Frames = 5;

    /// <summary>Smallest motion (semitones per frame) that counts as an approach rather than tracker jitter.</summary>
    public const double MinStepSemitones = 0.05;

    /// <summary>
    /// The pitch the newest <see cref="Frames"/> of <paramref name="pitches"/> (oldest first) will come to
    /// rest on, or NaN unless the pitch moves one way throughout and slows down by at least
    /// <paramref name="maxStepRatio"/> per frame. The two spans' travel gives the per-frame ratio r
    /// (their quotient is r squared); a last step s leaves s * r / (1 - r) to travel, at most three
    /// more steps at r = 0.75.
    /// </summary>
    public static double PredictRest(ReadOnlySpan<double> pitches, double maxStepRatio)
    {
        if (pitches.Length < Frames || !(maxStepRatio > 0) || maxStepRatio >= 1) return double.NaN;
        ReadOnlySpan<double> w = pitches[^Frames..];
        double older = w[2] - w[0], newer = w[4] - w[2];
        if (Math.Abs(older) < 2 * MinStepSemitones || older * newer <= 0) return double.NaN;
        for (int i = 1; i < Frames; i++)
            if ((w[i] - w[i - 1]) * older < 0) return double.NaN; // turned back on the way: vibrato or jitter
        double ratio = Math.Sqrt(newer / older);
        if (ratio > maxStepRatio) return double.NaN;
        double lastStep = newer * ratio / (1 + ratio); // the later of the newer span's two steps
        return w[4] + lastStep * ratio / (1 - ratio);
    }
}
