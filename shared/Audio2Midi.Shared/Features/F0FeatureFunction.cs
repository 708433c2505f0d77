using Audio2Midi.Notes;
using Audio2Midi.Pitch;

namespace Audio2Midi.Features;

/// <summary>
/// The f0 note model's feature function: one pYIN frame (5 ms) in, <see cref="Width"/> numbers out, none of which
/// carries absolute pitch or key. Pitch enters only as differences (f0 slopes, f0 against its own recent mean) and as
/// the position of f0 between semitones relative to the singer's running tuning; level enters relative to the
/// take's running peak. So a take sung k semitones higher (fractional k too, once the tuning has been heard) gives
/// the same features, and a model trained on them cannot learn which voice sings which note. Training and the live
/// engine both call <see cref="Step"/> frame by frame: one function, so they cannot differ.
/// </summary>
/// <remarks>Real time: allocation-free after construction; non-finite input reads as unvoiced silence.</remarks>
public sealed class F0FeatureFunction
{
    public const int Width = 14;

    /// <summary>Frames of f0 and level history the features look back over (the longest span below).</summary>
    private const int History = 32;

    private const int MeanSpan = 20;      // 100 ms: "f0 against its recent mean"
    private const int SpreadSpan = 8;     // 40 ms: local f0 spread
    private const double PeakDecayDbPerFrame = 6.0 / 200; // the level reference falls 6 dB a second
    private const double SilenceDb = -90;

    private readonly double[] _midi = new double[History];   // NaN where unvoiced
    private readonly double[] _level = new double[History];
    private readonly TuningTracker _tuning;
    private long _frames;
    private double _peakDb = SilenceDb;
    private int _voicedRun;

    public F0FeatureFunction(double frameMs = 5.0)
    {
        _tuning = new TuningTracker(frameMs);
        Reset();
    }

    /// <summary>The singer's tuning as the features see it (semitones from A440, in [-0.5, 0.5)).</summary>
    public double Tuning => _tuning.Offset;

    public void Reset()
    {
        Array.Fill(_midi, double.NaN);
        Array.Fill(_level, SilenceDb);
        _tuning.Reset();
        _frames = 0;
        _peakDb = SilenceDb;
        _voicedRun = 0;
    }

    /// <summary>Features of the next frame into <paramref name="features"/> (at least <see cref="Width"/> long).</summary>
    public void Step(in PitchFrame frame, Span<float> features)
    {
        bool voiced = frame.Voiced && double.IsFinite(frame.Midi);
        double midi = voiced ? frame.Midi : double.NaN;
        double level = double.IsFinite(frame.LevelDb) ? Math.Max(SilenceDb, frame.LevelDb) : SilenceDb;
        double probability = double.IsFinite(frame.VoicedProbability) ? Math.Clamp(frame.VoicedProbability, 0, 1) : 0;
        int slot = (int)(_frames % History);
        _midi[slot] = midi;
        _level[slot] = level;
        _frames++;
        _peakDb = Math.Max(level, _peakDb - PeakDecayDbPerFrame);
        _voicedRun = voiced ? _voicedRun + 1 : 0;
        double slope1 = Difference(midi, 1);
        if (voiced && Math.Abs(slope1) < 0.1) _tuning.Add(midi);

        features[0] = (float)probability;
        features[1] = voiced ? 1 : 0;
        features[2] = (float)Math.Clamp((level - _peakDb) / 30 + 1, -1, 1);
        features[3] = (float)Math.Clamp((level + 60) / 30, -1, 2);
        features[4] = (float)Math.Clamp((level - Back(_level, 1)) / 6, -2, 2);
        features[5] = (float)Math.Clamp((level - Back(_level, 4)) / 12, -2, 2);
        features[6] = (float)Math.Clamp(slope1, -2, 2);
        features[7] = (float)Math.Clamp(Difference(midi, 3), -3, 3);
        features[8] = (float)Math.Clamp(Difference(midi, 8) / 2, -3, 3);
        features[9] = (float)Math.Clamp(voiced ? (midi - RecentMean(MeanSpan)) / 2 : 0, -2, 2);
        double angle = voiced ? 2 * Math.PI * (midi - _tuning.Offset) : 0;
        features[10] = voiced ? (float)Math.Cos(angle) : 0;
        features[11] = voiced ? (float)Math.Sin(angle) : 0;
        features[12] = Math.Min(_voicedRun, 40) / 40f;
        features[13] = (float)Math.Min(voiced ? RecentSpread(SpreadSpan) : 0, 2);
    }

    /// <summary>f0 now minus f0 <paramref name="frames"/> ago, 0 unless both are voiced.</summary>
    private double Difference(double midi, int frames)
    {
        double before = Back(_midi, frames);
        return double.IsNaN(midi) || double.IsNaN(before) ? 0 : midi - before;
    }

    /// <summary>The value <paramref name="frames"/> frames before the newest (the newest is 0).</summary>
    private double Back(double[] ring, int frames) =>
        _frames - 1 - frames < 0 ? ring == _midi ? double.NaN : SilenceDb : ring[(int)((_frames - 1 - frames) % History)];

    private double RecentMean(int span)
    {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < span; k++)
        {
            double v = Back(_midi, k);
            if (double.IsNaN(v)) continue;
            sum += v;
            n++;
        }
        return n > 0 ? sum / n : 0;
    }

    private double RecentSpread(int span)
    {
        double mean = RecentMean(span), sum = 0;
        int n = 0;
        for (int k = 0; k < span; k++)
        {
            double v = Back(_midi, k);
            if (double.IsNaN(v)) continue;
            sum += (v - mean) * (v - mean);
            n++;
        }
        return n > 1 ? Math.Sqrt(sum / n) : 0;
    }
}
