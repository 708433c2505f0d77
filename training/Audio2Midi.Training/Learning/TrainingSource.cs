namespace Audio2Midi.Training.Learning;

/// <summary>One dataset cache to train on and its share of the training crops.</summary>
public sealed record TrainingSource(string CacheDirectory, double Weight)
{
    /// <summary>"DIR" or "DIR:WEIGHT" (weight > 0; default 1).</summary>
    public static TrainingSource Parse(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon > 0 && double.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double w))
        {
            if (!(w > 0)) throw new ArgumentException($"{text}: a dataset weight must be > 0");
            return new TrainingSource(text[..colon], w);
        }
        return new TrainingSource(text, 1);
    }
}
