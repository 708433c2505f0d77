namespace Audio2Midi.Notes;

/// <summary>New notes on the same pitch: a consonant (periodicity and level lost briefly) or an energy dip and rise.</summary>
public sealed partial class NoteSegmenter
{
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
}
