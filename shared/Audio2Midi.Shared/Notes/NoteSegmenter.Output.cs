namespace Audio2Midi.Notes;

/// <summary>The MIDI side of a note: note number, velocity, pitch bend and the events themselves.</summary>
public sealed partial class NoteSegmenter
{
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
