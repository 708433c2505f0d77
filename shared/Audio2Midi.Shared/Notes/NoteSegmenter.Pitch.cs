namespace Audio2Midi.Notes;

/// <summary>Where a sounding note really is: its centre, and replacing it when it settles or sits on another semitone.</summary>
public sealed partial class NoteSegmenter
{
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
        // A note not yet heard (its sung start is less than the settle budget ago: offline, or within the
        // plugin's Latency) moves at once, at no cost; any note that has sat on the wrong semitone for a
        // while is replaced, live too: a held wrong note is the worst thing a listener can hear.
        bool young = _ageFrames <= Frames(YoungNoteMs);
        long since = _source[slot] + _sourceOffset - _noteSource;
        bool settled = since <= _settleWithinSamples;
        bool stuck = _offCentreFrames >= Frames(_settings.StuckNoteMs);
        if (!settled && !stuck) return false;
        double centre = _centre;
        // A settled note was wrong from its start: it moves whole. A stuck one is split where it went wrong.
        long source = young || settled ? _noteSource : _source[Slot(_offCentreFrames - 1)];
        EndNote(source);
        StartNote(centre, _peakDb, source);
        return true;
    }

    private bool TryEarlyCorrection()
    {
        int n = Frames(_timings.OnsetConfirmMs);
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
}
