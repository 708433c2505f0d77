using Audio2Midi.Pitch;

namespace Audio2Midi.Notes;

/// <summary>
/// Live note segmentation over decoded pitch frames, one frame at a time, never looking ahead:
/// NoteOn once pitch has been voiced and steady for the onset confirmation time; NoteOff when the voice
/// is gone for the release time or its level collapses; a legato change when the pitch settles away
/// from the note's running centre (briefer excursions such as vibrato and octave errors are ignored);
/// a re-attack when the level dips and rises again on the same pitch. At most one note sounds at a time.
/// Allocation-free after construction.
/// </summary>
public sealed class NoteSegmenter
{
    private const int MaxEventsPerFrame = 8;
    private const int HistoryFrames = 256;

    private readonly NoteSettings _settings;
    private readonly double _frameMs;
    private readonly TuningTracker _tuning;
    private readonly double _extentDecay;
    private readonly long _sourceOffset;
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
    public NoteSegmenter(NoteSettings settings, double frameMs, long sourceOffsetSamples)
    {
        _settings = settings;
        _frameMs = frameMs;
        _sourceOffset = sourceOffsetSamples;
        _tuning = new TuningTracker(frameMs);
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
        int n = Frames(_settings.OnsetConfirmMs);
        if (!Collect(n, forStart: true)) return;
        ReadOnlySpan<double> pitches = new(_window, 0, n);
        if (SmallMath.Spread(pitches) > _settings.SteadySpreadSemitones || StillSliding(pitches)) return;
        // The newest frames are nearest the target after a scoop into the note: weight them by taking
        // the median of the later half.
        double midi = SmallMath.Median(pitches.Slice(n / 2), _scratch);
        double loudest = double.MinValue;
        for (int i = 0; i < n; i++) loudest = Math.Max(loudest, _level[Slot(i)]);
        StartNote(midi, loudest, _source[Slot(n - 1)]);
        _mayCorrect = true; // only notes begun from silence can have scooped into their pitch
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
            if ((fallen && _silentRun >= Frames(_settings.ReleaseConfirmMs)) || _silentRun >= Frames(_settings.UnvoicedHoldMs))
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

    /// <summary>
    /// The note's centre is the median of its last ~200 ms of pitch (a vibrato cycle): robust to vibrato
    /// and to the scoop it may have started on, and free to follow the singer wherever the note settles.
    /// </summary>
    private void UpdateCentre(double midi)
    {
        _notePitches[_notePitchCount % _notePitches.Length] = midi;
        _notePitchCount++;
        int n = (int)Math.Min(_notePitchCount, Math.Min(_notePitches.Length, Frames(CentreWindowMs)));
        if (n < Frames(40))
        {
            _centre += (midi - _centre) / n;
            return;
        }
        for (int i = 0; i < n; i++) _window[i] = _notePitches[(int)((_notePitchCount - 1 - i) % _notePitches.Length)];
        _centre = SmallMath.Median(new ReadOnlySpan<double>(_window, 0, n), _scratch);
    }

    /// <summary>
    /// When the note's centre has settled on another semitone (the onset caught a scoop, or the singer
    /// slid slowly into it), the sounding note is wrong: replace it. Hysteresis keeps notes sung near
    /// the boundary between two semitones from flipping.
    /// </summary>
    private bool TryFollowCentre(int slot)
    {
        if (_notePitchCount < Frames(60)) return false;
        double offset = _centre - TuningOffset - _basePitch;
        bool off = Math.Abs(offset) >= 0.6 && Math.Abs(Math.Abs(offset) - 12) >= 1.0 && Snap(_centre) != _basePitch;
        _offCentreFrames = off ? _offCentreFrames + 1 : 0;
        if (!off) return false;
        // Young notes move at once where that costs nothing (offline); any note that has sat on the
        // wrong semitone for a while is replaced, live too: a held wrong note is the worst thing a
        // listener can hear.
        bool young = _ageFrames <= Frames(_settings.SettleMs);
        bool settled = _settings.FollowSettlingPitch && young;
        bool stuck = _offCentreFrames >= Frames(_settings.StuckNoteMs);
        if (!settled && !stuck) return false;
        double centre = _centre;
        long source = young ? _noteSource : _source[Slot(_offCentreFrames - 1)];
        EndNote(source);
        StartNote(centre, _peakDb, source);
        return true;
    }

    private bool TryEarlyCorrection()
    {
        int n = Frames(_settings.OnsetConfirmMs);
        if (!Collect(n, forStart: true)) return false;
        ReadOnlySpan<double> pitches = new(_window, 0, n);
        if (SmallMath.Spread(pitches) > 0.3 || StillSliding(pitches)) return false;
        double target = SmallMath.Median(pitches, _scratch);
        if (Math.Abs(target - TuningOffset - _basePitch) < 0.75 || Math.Abs(Math.Abs(target - _centre) - 12) < 1.0) return false;
        if (Snap(target) == _basePitch) return false;
        long onset = _noteSource;
        double loudest = _peakDb;
        EndNote(onset);
        StartNote(target, loudest, onset);
        _mayCorrect = false; // correct once: a second move is a melody, not a scoop
        return true;
    }

    /// <summary>
    /// Counts frames of lost periodicity; returns the length of a dip that has just ended (else 0).
    /// A consonant or glottal stop between two syllables on one pitch shows as such a dip.
    /// </summary>
    private int ArticulationDipLength(int slot)
    {
        if (_probability[slot] < _settings.ArticulationDipProbability)
        {
            if (_articulationFrames == 0) { _levelBeforeDip = _level[Slot(1)]; _dipLevel = _level[slot]; }
            _dipLevel = Math.Min(_dipLevel, _level[slot]);
            _articulationFrames++;
            return 0;
        }
        int length = _articulationFrames;
        _articulationFrames = 0;
        // A consonant also takes level away; a tracker glitch (octave error, noise) does not.
        bool quieter = _dipLevel <= _levelBeforeDip - _settings.ArticulationDropDb;
        return _probability[slot] >= 0.9 && quieter ? length : 0;
    }

    /// <summary>A new syllable on the same pitch: the periodicity dipped briefly and came back on the note.</summary>
    private bool TryRearticulate(int slot, int dipFrames)
    {
        if (dipFrames < Frames(_settings.ArticulationMinMs) || dipFrames >= Frames(_settings.UnvoicedHoldMs)) return false;
        if (!_canStart[slot] || Math.Abs(_pitch[slot] - _centre) >= 0.5) return false;
        double centre = _centre;
        long source = _source[Slot(dipFrames)];
        EndNote(source);
        StartNote(centre, _level[slot], source);
        return true;
    }

    private bool TryReattack(int slot, double level, bool old)
    {
        if (level < _peakDb - _settings.ReattackDipDb)
        {
            if (!_inDip) { _inDip = true; _dipMinDb = level; }
            else _dipMinDb = Math.Min(_dipMinDb, level);
            return false;
        }
        if (!_inDip || level < _dipMinDb + _settings.ReattackRiseDb) return false;
        _inDip = false;
        if (!old || !_canStart[slot]) return false;
        double centre = _centre;
        EndNote(_source[slot]);
        StartNote(centre, level, _source[slot]);
        return true;
    }

    private bool TryLegatoChange()
    {
        // A clear step (well beyond this note's vibrato) needs only a short steady stretch on the new
        // pitch; a small one must hold for longer, because vibrato peaks look like small steps.
        int quick = Frames(_settings.LegatoConfirmMs);
        if (!Collect(quick, forStart: false)) return false;
        ReadOnlySpan<double> recent = new(_window, 0, quick);
        if (SmallMath.Spread(recent) > _settings.SteadySpreadSemitones) return false;
        double target = SmallMath.Median(recent, _scratch);
        double move = Math.Abs(target - _centre);
        if (move < _settings.PitchChangeSemitones) return false;
        if (Snap(target) == _basePitch) return false;

        bool clear = move >= Math.Max(_settings.ClearChangeSemitones, _vibratoExtent + 0.5);
        int n = clear ? quick : 2 * Frames(_settings.PitchChangeConfirmMs);
        if (Math.Abs(move - 12) < 1.0) n = Math.Max(n, Frames(_settings.OctaveJumpConfirmMs)); // octave errors are brief
        if (n > quick)
        {
            if (!Collect(n, forStart: false)) return false;
            int side = Math.Sign(target - _centre);
            foreach (double p in new ReadOnlySpan<double>(_window, 0, n))
                if ((p - _centre) * side < 0.35) return false;
        }

        double loudest = double.MinValue;
        for (int i = 0; i < quick; i++) loudest = Math.Max(loudest, _level[Slot(i)]);
        long source = _source[Slot(quick - 1)];
        EndNote(source);
        StartNote(target, loudest, source);
        return true;
    }

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

    /// <summary>The note for a sung pitch: nearest (scale) note relative to the singer's own tuning.</summary>
    private int Snap(double midi)
    {
        double offset = _settings.AutoTuning ? _tuning.Offset : 0;
        return ScaleSnapper.Snap(midi - offset, _settings.Scale, _settings.Key);
    }

    private void StartNote(double midi, double levelDb, long source)
    {
        _basePitch = Snap(midi);
        _noteSource = source;
        _mayCorrect = false;
        _noteTranspose = _settings.Transpose;
        _outputChannel = Math.Clamp(_settings.Channel, 0, 15);
        _outputPitch = Math.Clamp(_basePitch + _noteTranspose, 0, 127);
        _centre = midi;
        _notePitchCount = 0;
        _ageFrames = 0;
        _silentRun = 0;
        _peakDb = levelDb;
        _inDip = false;
        _articulationFrames = 0;
        _offCentreFrames = 0;
        _vibratoExtent = 0.3; // unknown yet: assume a moderate vibrato until the note shows its own
        _sounding = true;
        if (_settings.PitchBendEnabled) UpdateBend(midi, force: true);
        Add(new SegmentEvent(NoteEventKind.NoteOn, _outputPitch, Velocity(levelDb), _outputChannel, 0, source));
    }

    private void EndNote(long source)
    {
        _sounding = false;
        Add(new SegmentEvent(NoteEventKind.NoteOff, _outputPitch, 0, _outputChannel, 0, source));
        if (_lastBend != 0)
        {
            _lastBend = 0;
            Add(new SegmentEvent(NoteEventKind.PitchBend, _outputPitch, 0, _outputChannel, 0, source));
        }
    }

    private void UpdateBend(double sungMidi, bool force = false)
    {
        if (!_settings.PitchBendEnabled || !_sounding && !force) return;
        double range = Math.Max(0.01, _settings.PitchBendRangeSemitones);
        int value = (int)Math.Round((sungMidi - _basePitch) / range * 8192);
        value = Math.Clamp(value, -8192, 8191);
        // About one cent at a 2-semitone range: finer steps only flood the event list.
        if (!force && Math.Abs(value - _lastBend) < 40) return;
        if (force && value == _lastBend) return;
        _lastBend = value;
        Add(new SegmentEvent(NoteEventKind.PitchBend, _outputPitch, 0, _outputChannel, value, _source[Slot(0)]));
    }

    private int Velocity(double levelDb)
    {
        if (_settings.VelocityMode == VelocityMode.Fixed) return Math.Clamp(_settings.FixedVelocity, 1, 127);
        // -60 dBFS .. -6 dBFS spread over 16..127.
        double t = Math.Clamp((levelDb + 60) / 54.0, 0, 1);
        return (int)Math.Round(16 + t * 111);
    }

    private void Add(in SegmentEvent e)
    {
        if (_eventCount < _events.Length) _events[_eventCount++] = e;
    }
}
