namespace Audio2Midi.Training.Learning;

/// <summary>Applies <see cref="AugmentationSettings"/> to one crop of raw dB features (in place) and says how far to shift its labels.</summary>
public sealed class CropAugmenter(AugmentationSettings settings, int bins, int binsPerSemitone, double framesPerSecond, float floorDb)
{
    private float[] _shifted = new float[bins];

    /// <summary>Augments <paramref name="frames"/> ([count x bins]); returns the pitch shift in semitones to apply to the labels.</summary>
    public int Apply(Span<float> frames, int count, Random rng)
    {
        int shift = settings.PitchShiftSemitones == 0 ? 0 : rng.Next(-settings.PitchShiftSemitones, settings.PitchShiftSemitones + 1);
        if (shift != 0) ShiftBins(frames, count, shift * binsPerSemitone);
        if (settings.GainDb > 0)
        {
            float gain = (float)((rng.NextDouble() * 2 - 1) * settings.GainDb);
            for (int i = 0; i < count * bins; i++) frames[i] = MathF.Max(floorDb, frames[i] + gain);
        }
        if (rng.NextDouble() < settings.RoomProbability) AddRoom(frames, count, rng);
        if (rng.NextDouble() < settings.NoiseProbability) AddNoise(frames, count, rng);
        return shift;
    }

    /// <summary>Moves every frame up by <paramref name="binShift"/> bins (down if negative); vacated bins get the floor.</summary>
    private void ShiftBins(Span<float> frames, int count, int binShift)
    {
        if (_shifted.Length < bins) _shifted = new float[bins];
        for (int t = 0; t < count; t++)
        {
            Span<float> row = frames.Slice(t * bins, bins);
            Array.Fill(_shifted, floorDb);
            for (int b = 0; b < bins; b++)
            {
                int from = b - binShift;
                if (from >= 0 && from < bins) _shifted[b] = row[from];
            }
            _shifted.AsSpan(0, bins).CopyTo(row);
        }
    }

    /// <summary>A diffuse tail: each bin's power decays by 60 dB per RT60 and is added, attenuated, to later frames.</summary>
    private void AddRoom(Span<float> frames, int count, Random rng)
    {
        double rt60 = 0.2 + rng.NextDouble() * (settings.MaxRt60Seconds - 0.2);
        double decayDb = 60.0 / (rt60 * framesPerSecond);
        double wetDb = -6 - rng.NextDouble() * 12;
        var tail = new double[bins];
        for (int t = 0; t < count; t++)
            for (int b = 0; b < bins; b++)
            {
                int i = t * bins + b;
                double dry = Math.Pow(10, frames[i] / 10.0);
                tail[b] = tail[b] * Math.Pow(10, -decayDb / 10.0) + dry * Math.Pow(10, wetDb / 10.0);
                frames[i] = (float)Math.Max(floorDb, 10 * Math.Log10(dry + tail[b]));
            }
    }

    /// <summary>Noise of a random level and slope across the bins, 3 dB of frame-to-frame jitter, added in power.</summary>
    private void AddNoise(Span<float> frames, int count, Random rng)
    {
        double level = settings.NoiseMinDb + rng.NextDouble() * (settings.NoiseMaxDb - settings.NoiseMinDb);
        double slope = (rng.NextDouble() * 2 - 1) * 10; // dB from the lowest to the highest bin
        for (int t = 0; t < count; t++)
            for (int b = 0; b < bins; b++)
            {
                int i = t * bins + b;
                double noiseDb = level + slope * b / bins + (rng.NextDouble() * 2 - 1) * 3;
                frames[i] = (float)Math.Max(floorDb, 10 * Math.Log10(Math.Pow(10, frames[i] / 10.0) + Math.Pow(10, noiseDb / 10.0)));
            }
    }
}
