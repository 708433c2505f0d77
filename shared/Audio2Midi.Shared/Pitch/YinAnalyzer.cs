using System.Numerics;

namespace Audio2Midi.Pitch;

/// <summary>
/// One pYIN frame: the YIN difference function over the newest <see cref="PyinSettings.WindowSamples"/>
/// samples (so the frame ends at the newest sample: no look-ahead), its cumulative-mean-normalised
/// form, its troughs, and each trough's probability under the threshold prior. Allocation-free after
/// construction.
/// </summary>
public sealed class YinAnalyzer
{
    public const int MaxCandidates = 32;

    private readonly PyinSettings _settings;
    private readonly ThresholdPrior _prior = new();
    private readonly float[] _difference;
    private readonly float[] _normalised;
    private readonly int[] _troughLag = new int[MaxCandidates * 4];
    private readonly float[] _troughValue = new float[MaxCandidates * 4];
    private readonly double[] _troughProbability = new double[MaxCandidates * 4];
    private readonly PitchCandidate[] _candidates = new PitchCandidate[MaxCandidates];

    public YinAnalyzer(PyinSettings settings)
    {
        settings.Validate();
        _settings = settings;
        _difference = new float[settings.MaxLag + 2];
        _normalised = new float[settings.MaxLag + 2];
    }

    /// <summary>Candidates of the last analysed frame, lowest lag (highest pitch) first.</summary>
    public ReadOnlySpan<PitchCandidate> Candidates => new(_candidates, 0, CandidateCount);

    public int CandidateCount { get; private set; }

    /// <summary>Sum of candidate probabilities: pYIN's probability that the frame is pitched.</summary>
    public double VoicedProbability { get; private set; }

    /// <summary>RMS level of the window in dBFS (floor -140).</summary>
    public double LevelDb { get; private set; }

    /// <summary>Smallest normalised difference in the lag range (0 = perfectly periodic, ~1 = noise).</summary>
    public double Aperiodicity { get; private set; }

    /// <summary>Analyses <paramref name="frame"/>, which must hold exactly <see cref="PyinSettings.FrameSpan"/> samples, oldest first.</summary>
    public void Analyse(ReadOnlySpan<float> frame)
    {
        if (frame.Length != _settings.FrameSpan) throw new ArgumentException("frame length must equal FrameSpan", nameof(frame));
        int w = _settings.WindowSamples;
        int maxLag = _settings.MaxLag;
        int start = frame.Length - w;
        ReadOnlySpan<float> window = frame.Slice(start, w);

        double energy = 0;
        for (int j = 0; j < w; j++) energy += (double)window[j] * window[j];
        LevelDb = 10.0 * Math.Log10(energy / w + 1e-14);

        ComputeDifference(frame, start, w, maxLag, energy);
        NormaliseCumulativeMean(maxLag, energy);
        FindTroughs(maxLag, out int troughCount, out int globalMin);
        AssignProbabilities(troughCount, globalMin);
        EmitCandidates(troughCount);
    }

    private void ComputeDifference(ReadOnlySpan<float> frame, int start, int w, int maxLag, double energyA)
    {
        // d(tau) = sum (a_j - b_j)^2 = E(a) + E(b_tau) - 2 a.b_tau, with b_tau the window tau samples
        // earlier: one multiply-add per sample and lag instead of three operations, and E(b_tau) slides
        // in O(1) from lag to lag.
        _difference[0] = 0f;
        int vec = Vector<float>.Count;
        ReadOnlySpan<float> a = frame.Slice(start, w);
        double energyB = energyA; // the window's own energy, already summed for the level
        for (int tau = 1; tau <= maxLag; tau++)
        {
            ReadOnlySpan<float> b = frame.Slice(start - tau, w);
            float entering = b[0], leaving = frame[start - tau + w];
            energyB += (double)entering * entering - (double)leaving * leaving;
            var acc = Vector<float>.Zero;
            int j = 0;
            for (; j <= w - vec; j += vec)
                acc += new Vector<float>(a.Slice(j)) * new Vector<float>(b.Slice(j));
            double dot = Vector.Sum(acc);
            for (; j < w; j++) dot += a[j] * b[j];
            _difference[tau] = (float)Math.Max(0.0, energyA + energyB - 2.0 * dot);
        }
    }

    private void NormaliseCumulativeMean(int maxLag, double energy)
    {
        // d'(tau) = d(tau) / mean(d(1..tau)); silence (all zero) is treated as aperiodic.
        _normalised[0] = 1f;
        double running = 0;
        double floor = 1e-9 * (energy + 1e-12);
        for (int tau = 1; tau <= maxLag; tau++)
        {
            running += _difference[tau];
            _normalised[tau] = running > floor ? (float)(_difference[tau] * tau / running) : 1f;
        }
    }

    private void FindTroughs(int maxLag, out int count, out int globalMin)
    {
        int minLag = Math.Max(2, _settings.MinLag);
        count = 0;
        globalMin = -1;
        float best = float.MaxValue;
        int capacity = _troughLag.Length;
        for (int tau = minLag; tau < maxLag && count < capacity; tau++)
        {
            float v = _normalised[tau];
            if (v < _normalised[tau - 1] && v <= _normalised[tau + 1])
            {
                _troughLag[count] = tau;
                _troughValue[count] = v;
                _troughProbability[count] = 0;
                if (v < best) { best = v; globalMin = count; }
                count++;
            }
        }
        Aperiodicity = globalMin >= 0 ? best : 1.0;
    }

    private void AssignProbabilities(int troughCount, int globalMin)
    {
        // Threshold s picks the first trough whose value is below s. Walking the troughs in lag order,
        // each new record low v takes every threshold in (v, previous record].
        ReadOnlySpan<double> thresholds = _prior.Thresholds;
        ReadOnlySpan<double> weights = _prior.Weights;
        double previousRecord = double.MaxValue;
        for (int m = 0; m < troughCount; m++)
        {
            double v = _troughValue[m];
            if (v >= previousRecord) continue;
            for (int i = 0; i < ThresholdPrior.Count; i++)
            {
                double s = thresholds[i];
                if (s > v && s <= previousRecord) _troughProbability[m] += weights[i];
            }
            previousRecord = v;
        }
        if (globalMin >= 0)
        {
            // Thresholds below every trough: pYIN gives the global minimum a small share of them.
            double below = 0;
            for (int i = 0; i < ThresholdPrior.Count; i++)
                if (thresholds[i] <= _troughValue[globalMin]) below += weights[i];
            _troughProbability[globalMin] += ThresholdPrior.AbsoluteMinimumWeight * below;
        }
    }

    private void EmitCandidates(int troughCount)
    {
        int n = 0;
        double total = 0;
        for (int m = 0; m < troughCount && n < MaxCandidates; m++)
        {
            double p = _troughProbability[m];
            if (p <= 1e-6) continue;
            int tau = _troughLag[m];
            double lag = tau + ParabolicOffset(_normalised[tau - 1], _normalised[tau], _normalised[tau + 1]);
            double midi = PitchMath.HzToMidi(_settings.SampleRate / lag);
            _candidates[n++] = new PitchCandidate(midi, p);
            total += p;
        }
        CandidateCount = n;
        VoicedProbability = Math.Min(1.0, total);
    }

    private static double ParabolicOffset(float left, float centre, float right)
    {
        double denominator = left - 2.0 * centre + right;
        if (denominator <= 1e-12) return 0;
        double offset = 0.5 * (left - right) / denominator;
        return Math.Clamp(offset, -0.5, 0.5);
    }
}
