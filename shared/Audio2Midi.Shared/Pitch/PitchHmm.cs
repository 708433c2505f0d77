using System.Numerics;

namespace Audio2Midi.Pitch;

/// <summary>
/// pYIN's hidden Markov model over (pitch bin, voiced/unvoiced) states, decoded online by a
/// fixed-lag Viterbi: after each frame the best path is traced back <see cref="PyinSettings.DecoderLagFrames"/>
/// frames and that frame's state is reported. Lag 0 is fully causal. Allocation-free after construction.
/// </summary>
public sealed class PitchHmm
{
    private readonly int _bins;
    private readonly double _lowMidi;
    private readonly int _binsPerSemitone;
    private readonly int _reach;
    private readonly double[] _jumpWeight;
    private readonly double _stay;
    private readonly double _switch;
    private readonly double _trust;
    private readonly int _lag;
    private readonly int _slots;

    private double[] _voiced;
    private double[] _unvoiced;
    private double[] _nextVoiced;
    private double[] _nextUnvoiced;
    private readonly double[] _observation;
    private readonly double[] _fromVoiced;
    private readonly double[] _fromUnvoiced;
    private readonly short[] _backPointers;          // [slot][state], states 0..bins-1 voiced, bins..2*bins-1 unvoiced
    private readonly PitchCandidate[] _slotCandidates; // [slot][candidate]
    private readonly int[] _slotCandidateCount;
    private readonly double[] _slotVoicedProbability;
    private readonly double[] _slotLevel;
    private readonly long[] _slotEnd;
    private long _frames;

    public PitchHmm(PyinSettings settings)
    {
        settings.Validate();
        _binsPerSemitone = settings.BinsPerSemitone;
        _lowMidi = PitchMath.HzToMidi(settings.MinFrequency);
        double highMidi = PitchMath.HzToMidi(settings.MaxFrequency);
        _bins = (int)Math.Ceiling((highMidi - _lowMidi) * _binsPerSemitone) + 1;
        if (_bins * 2 > short.MaxValue) throw new ArgumentOutOfRangeException(nameof(settings), "too many pitch states");
        _reach = Math.Max(1, (int)Math.Round(settings.MaxJumpSemitones * _binsPerSemitone));
        _jumpWeight = new double[2 * _reach + 1];
        double sum = 0;
        for (int k = -_reach; k <= _reach; k++) sum += _jumpWeight[k + _reach] = _reach + 1 - Math.Abs(k);
        for (int k = 0; k < _jumpWeight.Length; k++) _jumpWeight[k] /= sum;
        _switch = settings.VoicingSwitchProbability;
        _stay = 1 - _switch;
        _trust = settings.YinTrust;
        _lag = settings.DecoderLagFrames;
        _slots = _lag + 1;

        _voiced = new double[_bins];
        _unvoiced = new double[_bins];
        _nextVoiced = new double[_bins];
        _nextUnvoiced = new double[_bins];
        _observation = new double[_bins];
        _fromVoiced = new double[_bins];
        _fromUnvoiced = new double[_bins];
        _backPointers = new short[_slots * 2 * _bins];
        _slotCandidates = new PitchCandidate[_slots * YinAnalyzer.MaxCandidates];
        _slotCandidateCount = new int[_slots];
        _slotVoicedProbability = new double[_slots];
        _slotLevel = new double[_slots];
        _slotEnd = new long[_slots];
        Reset();
    }

    public int BinCount => _bins;

    public int LagFrames => _lag;

    public void Reset()
    {
        Array.Fill(_voiced, 1.0);
        Array.Fill(_unvoiced, 1.0);
        _frames = 0;
    }

    /// <summary>
    /// Adds one frame of YIN evidence; returns true with the decoded frame <see cref="LagFrames"/> back
    /// once that many frames have been seen.
    /// </summary>
    public bool Step(ReadOnlySpan<PitchCandidate> candidates, double levelDb, long endSample, out PitchFrame decoded)
    {
        int slot = (int)(_frames % _slots);
        StoreFrame(slot, candidates, levelDb, endSample, out double pitched);

        double unvoicedObservation = (1.0 - pitched) / _bins;
        if (_lag == 0) TransitionCausal(unvoicedObservation);
        else TransitionWithBackPointers(slot, unvoicedObservation);

        double best = 0;
        int bestState = 0;
        for (int b = 0; b < _bins; b++)
        {
            if (_nextVoiced[b] > best) { best = _nextVoiced[b]; bestState = b; }
            if (_nextUnvoiced[b] > best) { best = _nextUnvoiced[b]; bestState = _bins + b; }
        }

        // Rescale so the best path has probability 1: no underflow over hours of audio.
        double scale = best > 0 ? 1.0 / best : 1.0;
        for (int b = 0; b < _bins; b++)
        {
            _nextVoiced[b] *= scale;
            _nextUnvoiced[b] *= scale;
        }
        (_voiced, _nextVoiced) = (_nextVoiced, _voiced);
        (_unvoiced, _nextUnvoiced) = (_nextUnvoiced, _unvoiced);
        _frames++;

        if (_frames <= _lag)
        {
            decoded = default;
            return false;
        }

        int state = bestState;
        long frame = _frames - 1;
        for (int k = 0; k < _lag; k++, frame--)
            state = _backPointers[(int)(frame % _slots) * 2 * _bins + state];

        int decodedSlot = (int)(frame % _slots);
        decoded = Decode(frame, decodedSlot, state);
        return true;
    }

    /// <summary>
    /// Lag 0 needs no back pointers, so the best predecessor of every state is a plain max over its
    /// neighbourhood: done as one vectorised pass per jump distance.
    /// </summary>
    private void TransitionCausal(double unvoicedObservation)
    {
        Span<double> fromVoiced = _fromVoiced, fromUnvoiced = _fromUnvoiced;
        fromVoiced.Clear();
        fromUnvoiced.Clear();
        for (int k = -_reach; k <= _reach; k++)
        {
            double w = _jumpWeight[k + _reach];
            int lo = Math.Max(0, -k), hi = Math.Min(_bins, _bins - k); // states b in [lo, hi) come from b + k
            MaxOfScaled(new ReadOnlySpan<double>(_voiced, lo + k, hi - lo), w, fromVoiced.Slice(lo, hi - lo));
            MaxOfScaled(new ReadOnlySpan<double>(_unvoiced, lo + k, hi - lo), w, fromUnvoiced.Slice(lo, hi - lo));
        }
        for (int b = 0; b < _bins; b++)
        {
            double v = fromVoiced[b], u = fromUnvoiced[b];
            _nextVoiced[b] = Math.Max(_stay * v, _switch * u) * _observation[b];
            _nextUnvoiced[b] = Math.Max(_stay * u, _switch * v) * unvoicedObservation;
        }
    }

    private static void MaxOfScaled(ReadOnlySpan<double> source, double weight, Span<double> destination)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = new Vector<double>(weight);
            for (; i <= source.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var scaled = new Vector<double>(source.Slice(i)) * w;
                Vector.Max(new Vector<double>(destination.Slice(i)), scaled).CopyTo(destination.Slice(i));
            }
        }
        for (; i < source.Length; i++) destination[i] = Math.Max(destination[i], source[i] * weight);
    }

    /// <summary>With a decoder lag the best predecessor of every state is remembered for the trace-back.</summary>
    private void TransitionWithBackPointers(int slot, double unvoicedObservation)
    {
        int backBase = slot * 2 * _bins;
        for (int b = 0; b < _bins; b++)
        {
            int lo = Math.Max(0, b - _reach), hi = Math.Min(_bins - 1, b + _reach);
            double fromVoiced = -1, fromUnvoiced = -1;
            int argVoiced = b, argUnvoiced = b;
            for (int p = lo; p <= hi; p++)
            {
                double w = _jumpWeight[p - b + _reach];
                double v = _voiced[p] * w;
                if (v > fromVoiced) { fromVoiced = v; argVoiced = p; }
                double u = _unvoiced[p] * w;
                if (u > fromUnvoiced) { fromUnvoiced = u; argUnvoiced = p; }
            }

            double stayVoiced = _stay * fromVoiced, enterVoiced = _switch * fromUnvoiced;
            double nv;
            if (stayVoiced >= enterVoiced) { nv = stayVoiced; _backPointers[backBase + b] = (short)argVoiced; }
            else { nv = enterVoiced; _backPointers[backBase + b] = (short)(_bins + argUnvoiced); }
            _nextVoiced[b] = nv * _observation[b];

            double stayUnvoiced = _stay * fromUnvoiced, leaveVoiced = _switch * fromVoiced;
            double nu;
            if (stayUnvoiced >= leaveVoiced) { nu = stayUnvoiced; _backPointers[backBase + _bins + b] = (short)(_bins + argUnvoiced); }
            else { nu = leaveVoiced; _backPointers[backBase + _bins + b] = (short)argVoiced; }
            _nextUnvoiced[b] = nu * unvoicedObservation;
        }
    }

    private void StoreFrame(int slot, ReadOnlySpan<PitchCandidate> candidates, double levelDb, long endSample, out double pitched)
    {
        Array.Clear(_observation);
        pitched = 0;
        int n = Math.Min(candidates.Length, YinAnalyzer.MaxCandidates);
        int baseIndex = slot * YinAnalyzer.MaxCandidates;
        for (int i = 0; i < n; i++)
        {
            PitchCandidate c = candidates[i];
            _slotCandidates[baseIndex + i] = c;
            int bin = BinOf(c.Midi);
            if (bin < 0 || bin >= _bins) continue;
            double p = c.Probability * _trust;
            _observation[bin] += p;
            pitched += p;
        }
        pitched = Math.Min(pitched, 0.999);
        _slotCandidateCount[slot] = n;
        _slotVoicedProbability[slot] = pitched / _trust;
        _slotLevel[slot] = levelDb;
        _slotEnd[slot] = endSample;
    }

    private PitchFrame Decode(long frame, int slot, int state)
    {
        bool voiced = state < _bins;
        int bin = voiced ? state : state - _bins;
        double midi = _lowMidi + (double)bin / _binsPerSemitone;
        if (voiced)
        {
            // Report the exact YIN pitch of the candidate that fed this state, not the bin centre.
            int baseIndex = slot * YinAnalyzer.MaxCandidates;
            double bestDistance = 1.0 / _binsPerSemitone;
            for (int i = 0; i < _slotCandidateCount[slot]; i++)
            {
                double distance = Math.Abs(_slotCandidates[baseIndex + i].Midi - midi);
                if (distance <= bestDistance) { bestDistance = distance; midi = _slotCandidates[baseIndex + i].Midi; }
            }
        }
        return new PitchFrame(frame, _slotEnd[slot], voiced, midi, _slotVoicedProbability[slot], _slotLevel[slot]);
    }

    private int BinOf(double midi) => (int)Math.Round((midi - _lowMidi) * _binsPerSemitone);
}
