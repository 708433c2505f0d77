using Audio2Midi.Pitch;

namespace Audio2Midi.Notes;

/// <summary>
/// Live note segmentation over decoded pitch frames, one frame at a time, never looking ahead. At most
/// one note sounds at a time; allocation-free after construction. The rules, one file each:
/// <list type="bullet">
/// <item>this file: frame history, NoteOn once pitch is voiced, steady and no longer sliding; NoteOff when
/// the voice or its level is gone;</item>
/// <item>NoteSegmenter.Pitch.cs: the note's centre, notes that settle or sit on another semitone, scoops;</item>
/// <item>NoteSegmenter.Legato.cs: legato changes to another semitone (vibrato, however wide, and octave errors ignored; VibratoTracker.cs);</item>
/// <item>NoteSegmenter.Articulation.cs: a new note on the same pitch at a consonant or an energy dip;</item>
/// <item>NoteSegmenter.Output.cs: the MIDI side: note numbers, velocity, pitch bend, events.</item>
/// </list>
/// </summary>
public sealed partial class NoteSegmenter
{
    private const int MaxEventsPerFrame = 8;
    private const int HistoryFrames = 256;

    private readonly NoteSettings _settings;
    private readonly DecisionTimings _timings;
    private readonly double _frameMs;
    private readonly TuningTracker _tuning;
    private readonly VibratoTracker _vibrato;
    private readonly double _extentDecay;
    private readonly long _sourceOffset;
    private readonly long _settleWithinSamples;

    /// <summary>Notes younger than this (since their NoteOn) that get replaced start the replacement at their own onset.</summary>
    private const double YoungNoteMs = 250;
    private readonly SegmentEvent[] _events = new SegmentEvent[MaxEventsPerFrame];
    private int _eventCount;

    // Recent frames, newest last (ring): pitch, level, whether each may start / sustain a note, source sample.
    private readonly double[] _pitch = new double[HistoryFrames];
    private readonly double[] _level = new double[HistoryFrames];
    private readonly bool[] _canStart = new bool[HistoryFrames];
    private readonly double[] _probability = new double[HistoryFrames];
    private readonly bool[] _canSustain = new bool[HistoryFrames];
    private readonly long[] _source = new long[HistoryFrames];
    private long _frames;
    private readonly double[] _window = new double[HistoryFrames];
    private readonly double[] _scratch = new double[HistoryFrames];

    private bool _sounding;
    private int _basePitch;      // snapped sung pitch, before transpose
    private int _outputPitch;    // what the NoteOn carried
    private int _outputChannel;
    private int _noteTranspose;
    private double _centre;
    private const double CentreWindowMs = 200;
    private readonly double[] _notePitches = new double[HistoryFrames];
    private long _notePitchCount;
    private long _ageFrames;
    private int _silentRun;
    private double _peakDb;
    private bool _inDip;
    private double _dipMinDb;
    private int _lastBend;
    private long _noteSource;
    private bool _mayCorrect;
    private int _articulationFrames;
    private int _offCentreFrames;
    private double _levelBeforeDip;
    private double _dipLevel;
    private double _vibratoExtent;

    /// <param name="settings">Live settings, read every frame.</param>
    /// <param name="frameMs">Duration of one hop in milliseconds.</param>
    /// <param name="sourceOffsetSamples">How far before a frame's end (internal samples) the sound it detects typically begins.</param>
    /// <param name="settleWithinSamples">
    /// The settle budget (internal samples): for this long after its sung start a note is not heard yet
    /// (offline, or inside the plugin's Latency), so it moves to the semitone its pitch settles on at no
    /// cost. 0: live with no budget, a note only moves when it is stuck on the wrong semitone.
    /// </param>
    /// <param name="timings">How long each rule waits before deciding (<see cref="DecisionTimings.Instant"/> if null).</param>
    public NoteSegmenter(NoteSettings settings, double frameMs, long sourceOffsetSamples, long settleWithinSamples = 0, DecisionTimings? timings = null)
    {
        _timings = timings ?? DecisionTimings.Instant;
        _timings.Validate();
        _settleWithinSamples = Math.Max(0, settleWithinSamples);
        _settings = settings;
        _frameMs = frameMs;
        _sourceOffset = sourceOffsetSamples;
        _tuning = new TuningTracker(frameMs);
        _vibrato = new VibratoTracker(frameMs);
        _extentDecay = Math.Pow(0.5, frameMs / 300.0);
    }

    /// <summary>The singer's tuning offset from A 440, in semitones, as currently estimated.</summary>
    public double TuningOffset => _tuning.Offset;

    public NoteSettings Settings => _settings;

    public bool IsSounding => _sounding;

    /// <summary>Events produced by the last <see cref="Step"/> (or <see cref="Release"/>), in emission order.</summary>
    public ReadOnlySpan<SegmentEvent> Events => new(_events, 0, _eventCount);

    public void Reset()
    {
        _frames = 0;
        _tuning.Reset();
        _vibrato.Reset();
        _sounding = false;
        _eventCount = 0;
        _lastBend = 0;
    }

    /// <summary>Ends the sounding note now (bypass, transport stop, deactivation, preset change).</summary>
    public void Release(long sourceSample)
    {
        _eventCount = 0;
        if (_sounding) EndNote(sourceSample);
    }

    public void Step(in PitchFrame frame)
    {
        _eventCount = 0;
        double gate = _settings.LevelGateDb;
        int slot = (int)(_frames % HistoryFrames);
        bool finitePitch = double.IsFinite(frame.Midi);
        _pitch[slot] = finitePitch ? frame.Midi : 0;
        _level[slot] = frame.LevelDb;
        _probability[slot] = frame.VoicedProbability;
        _canStart[slot] = frame.Voiced && finitePitch && frame.LevelDb >= gate && frame.VoicedProbability >= _settings.MinVoicedProbability;
        _canSustain[slot] = frame.Voiced && finitePitch && frame.LevelDb >= gate - 6;
        _source[slot] = frame.EndSample - _sourceOffset;
        _frames++;
        if (_canSustain[slot]) _vibrato.Add(_pitch[slot]);
        else _vibrato.Reset();

        if (_sounding) FollowNote(slot);
        if (!_sounding) TryStart();
    }

    private int Frames(double ms) => Math.Max(1, (int)Math.Round(ms / _frameMs));

    private int Slot(int back) => (int)((_frames - 1 - back) % HistoryFrames);

    /// <summary>Copies the pitches of the newest <paramref name="count"/> frames into the window, oldest first; false if any fails the test.</summary>
    private bool Collect(int count, bool forStart)
    {
        if (count > _frames || count > HistoryFrames) return false;
        for (int i = 0; i < count; i++)
        {
            int s = Slot(count - 1 - i);
            if (forStart ? !_canStart[s] : !_canSustain[s]) return false;
            _window[i] = _pitch[s];
        }
        return true;
    }

    private void TryStart()
    {
        int n = Frames(_timings.OnsetConfirmMs);
        if (!Collect(n, forStart: true)) return;
        ReadOnlySpan<double> pitches = new(_window, 0, n);
        double midi;
        if (SmallMath.Spread(pitches) <= _settings.SteadySpreadSemitones && !StillSliding(pitches))
        {
            // The newest frames are nearest the target after a scoop into the note: weight them by
            // taking the median of the later half.
            midi = SmallMath.Median(pitches.Slice(n / 2), _scratch);
        }
        else
        {
            // Still scooping in, but slowing down: start now, on the pitch the scoop is arriving at.
            midi = ApproachTarget(forStart: true);
            if (double.IsNaN(midi)) return;
        }
        double loudest = double.MinValue;
        for (int i = 0; i < n; i++) loudest = Math.Max(loudest, _level[Slot(i)]);
        StartNote(midi, loudest, _source[Slot(n - 1)]);
        _mayCorrect = true; // only notes begun from silence can have scooped into their pitch
    }

    /// <summary>Where the newest frames are heading if they are slowing into a note (<see cref="ApproachPredictor"/>), else NaN.</summary>
    private double ApproachTarget(bool forStart) =>
        Collect(ApproachPredictor.Frames, forStart)
            ? ApproachPredictor.PredictRest(new ReadOnlySpan<double>(_window, 0, ApproachPredictor.Frames), _timings.ApproachStepRatio)
            : double.NaN;

    /// <summary>
    /// True while the pitch still slides one way (a scoop into the note, the end of a glide): a note
    /// decided now would take a pitch the singer is only passing through.
    /// </summary>
    private bool StillSliding(ReadOnlySpan<double> pitches)
    {
        if (pitches.Length < 2) return false;
        double seconds = (pitches.Length - 1) * _frameMs / 1000.0;
        return Math.Abs(pitches[^1] - pitches[0]) / seconds > _settings.MaxOnsetSlideSemitonesPerSecond;
    }

    private void FollowNote(int slot)
    {
        _ageFrames++;
        bool old = _ageFrames >= Frames(_settings.MinNoteMs);
        double level = _level[slot];

        if (_settings.Transpose != _noteTranspose || _settings.Channel != _outputChannel)
        {
            // The mapping moved under a sounding note: end it and restart it where it now belongs.
            double centre = _centre;
            EndNote(_source[slot]);
            StartNote(centre, _peakDb, _source[slot]);
            return;
        }

        if (!_canSustain[slot]) _silentRun++;
        else _silentRun = 0;
        int articulation = ArticulationDipLength(slot);

        if (old && _silentRun > 0)
        {
            bool fallen = level < _peakDb - _settings.ReleaseLevelDropDb;
            if ((fallen && _silentRun >= Frames(_timings.ReleaseConfirmMs)) || _silentRun >= Frames(_settings.UnvoicedHoldMs))
            {
                EndNote(_source[Slot(_silentRun - 1)]);
                return;
            }
        }
        if (old && level < _peakDb - _settings.ReleaseDropDb)
        {
            EndNote(_source[slot]);
            return;
        }
        if (!_canSustain[slot])
        {
            UpdateBend(_centre);
            return;
        }

        if (old && articulation > 0 && TryRearticulate(slot, articulation)) return;
        if (TryReattack(slot, level, old)) return;
        if (_mayCorrect && _ageFrames <= Frames(_settings.EarlyCorrectionMs) && TryEarlyCorrection()) return;
        if (old && TryLegatoChange()) return;

        double deviation = _pitch[slot] - _centre;
        if (Math.Abs(deviation) < 1.0)
        {
            // How far this note swings around its centre (vibrato), remembered for ~0.3 s.
            _vibratoExtent = Math.Max(_vibratoExtent * _extentDecay, Math.Abs(deviation));
            if (_settings.AutoTuning && Math.Abs(deviation) < 0.5) _tuning.Add(_pitch[slot]);
        }
        if (Math.Abs(deviation) < 2.0) UpdateCentre(_pitch[slot]);
        if (TryFollowCentre(slot)) return;
        _peakDb = Math.Max(_peakDb, level);
        UpdateBend(_pitch[slot]);
    }
}
