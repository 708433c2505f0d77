namespace Audio2Midi.Notes;

/// <summary>Legato changes: the pitch moves to another semitone without the voice stopping.</summary>
public sealed partial class NoteSegmenter
{
    /// <summary>How far beyond an ongoing vibrato's swing (semitones) the pitch must go to be a step out of it.</summary>
    private const double VibratoBandMargin = 0.3;

    private bool TryLegatoChange()
    {
        // Inside an ongoing vibrato the note is its centre, however far the pitch swings: only a move
        // out of the vibrato's band is a step. (A centre that drifts to another semitone is
        // TryFollowCentre's business.)
        if (_vibrato.Active && Math.Abs(_pitch[Slot(0)] - _vibrato.Centre) <= _vibrato.Extent + VibratoBandMargin) return false;

        // A clear step (well beyond this note's vibrato) needs only a short steady stretch on the new
        // pitch; a small one must hold for longer, because vibrato peaks look like small steps.
        int quick = Frames(_timings.LegatoConfirmMs);
        if (!Collect(quick, forStart: false)) return false;
        ReadOnlySpan<double> recent = new(_window, 0, quick);
        double target;
        if (SmallMath.Spread(recent) <= _settings.SteadySpreadSemitones) target = SmallMath.Median(recent, _scratch);
        else
        {
            // Still gliding into the new pitch, but slowing down: the glide's end is the target.
            target = ApproachTarget(forStart: false);
            if (double.IsNaN(target)) return false;
        }
        double move = Math.Abs(target - _centre);
        if (move < _settings.PitchChangeSemitones) return false;
        if (Snap(target) == _basePitch) return false;

        double swing = Math.Max(_vibratoExtent, _vibrato.Active ? _vibrato.Extent : 0);
        bool clear = move >= Math.Max(_settings.ClearChangeSemitones, swing + 0.5);
        int n = clear ? quick : 2 * Frames(_timings.PitchChangeConfirmMs);
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
}
