using Audio2Midi.Models;

namespace Audio2Midi.Notes;

/// <summary>
/// The f0 note model's decoder, one frame at a time. The model decides where notes start and end; the pitch always
/// comes from the f0 that was sung: the median voiced f0 over the frames the head has heard of the note (its
/// anchor; from a set frame on, for heads whose manifest starts the window past the attack) plus, for short heads, the model's delta (where a scoop or an unsettled attack is heading), rounded to the singer's tuning
/// (or A440) and the scale. Rules: a note starts where the onset probability rises through its threshold (on the
/// first frame after it whose pitch estimate exists), or where the frame probability has held for a few frames with
/// no note; it ends once the frame probability has stayed below the off threshold for a few frames; it moves when
/// the f0 has sat on another semitone, well away from the note's centre (the median of the last second decided of it),
/// for 30-60 ms (a legato change no onset announced), while the frame probability holds, the new pitch's start is voiced
/// and what was heard of it names another note. A long head may also start notes at the onsets a shorter head heard and
/// it did not (<see cref="OnsetFillIn"/>).
/// <para>
/// Whole-note mode (offline): a note is held until it ends and then sent named by the median f0 over all of it.
/// </para>
/// </summary>
/// <remarks>Real time (DESIGN.md section 4): all buffers are allocated in the constructor; <see cref="Step"/> never allocates or throws.</remarks>
public sealed class F0NoteDecoder
{
    private const int MaxEventsPerFrame = 4;
    private const int MaxOnsetWaitFrames = 20;      // 100 ms for a pitch to appear after an onset
    private const int CentreFrames = 200;           // the note's centre: the median over the last second decided of it
    private const int CentreAfterFrames = 10;       // ... once 50 ms of it are decided (before that, its onset estimate)

    /// <summary>
    /// How far from the note's centre the f0 must sit to move it. Development sets (hust validation and synth dev, mean
    /// COnP F1 over six columns): 0.6 from the onset estimate 0.589; 0.8 from it 0.598; 0.8 from the running centre 0.607,
    /// with the notes per sung note at 60 ms on hust 1.32 -> 1.06 (singers drift within a note, and a short head's onset
    /// estimate is often a scoop's). Below a semitone, so a legato semitone step still moves. The centre is frozen while
    /// a move is counted (0.611 unfrozen, but the new pitch's frames then pull the centre after it and a semitone step
    /// from a slightly sharp note was missed).
    /// </summary>
    private const double MoveSemitones = 0.8;
    private const int MoveWindowFrames = 4;         // the move rule's f0: the median over 20 ms (a long look-ahead would see the next note early)
    private const int RetriggerFrames = 10;         // an onset within 50 ms of the note's start is the same attack

    /// <summary>
    /// Frames of the new note, from its first, that must all be voiced (as far as the head has heard) for a legato move:
    /// an unvoiced gap is a consonant, the next syllable's attack, which is the onset head's to announce (a move there
    /// was followed by a release and the same pitch again: a 15-80 ms note too many). Development sets (hust validation
    /// / synth dev COnP F1 at 60, 120, 250 ms, with the two rules below it in <see cref="Step"/>): without it 0.576 /
    /// 0.604, 0.634 / 0.756, 0.664 / 0.820; 10 frames 0.580 / 0.607, 0.637 / 0.754, 0.664 / 0.819; 20 frames 0.580 /
    /// 0.607, 0.641 / 0.756, 0.670 / 0.821; 30 and 47 frames about the same as 20 (mean over all 12 cells 0.6296 and 0.6297
    /// against 0.6299).
    /// </summary>
    private const int MoveVoicedFrames = 20;

    /// <summary>
    /// Frames the Instant head waits after an onset before naming its note (its delta has then heard the attack): Instant
    /// sends a note when it is decided, so this is 10 ms of latency at least. Development sets (hust validation / synth dev COnP F1
    /// at Instant, median as heard): 0 frames 0.463 / 0.423, 8 / 22 ms; 1 0.477 / 0.427; 2 0.475 / 0.431, 8 / 23 ms;
    /// 3 0.470 / 0.427; 4 0.486 / 0.416, 18 / 29 ms; 6 0.476 / 0.363. Heads with look-ahead have heard the attack already.
    /// </summary>
    private const int InstantSettleFrames = 2;

    /// <summary>
    /// After those frames the Instant head waits on, up to <see cref="InstantSettleMaxFrames"/> after the onset, while the
    /// f0 still moves by <see cref="InstantSettledSemitones"/> or more over 2 frames (10 ms): a scoop is named where it
    /// arrives, a steady attack at once. Development sets (hust validation / synth dev COnP F1 at Instant, median as heard;
    /// with the legato-move rules of 2026-12-04): fixed 2 frames 0.478 / 0.431, 8 / 23 ms; up to 4 frames, settled below
    /// 0.25 st 0.483 / 0.425; up to 6, 0.25 st 0.478 / 0.439; up to 6, 0.4 st 0.486 / 0.443, 13 / 31 ms; up to 8, 0.25 st
    /// 0.481 / 0.442; up to 8, 0.4 st 0.489 / 0.453, 13 / 31 ms (p95 38 / 47 ms, was 38 / 44); up to 8, 0.5 st 0.488 /
    /// 0.446; up to 10, 12 or 16, 0.4 st 0.489-0.491 / 0.441. The 30 ms step is heard later still (synth dev median 40 ms).
    /// </summary>
    private const int InstantSettleMaxFrames = 8;
    private const double InstantSettledSemitones = 0.4;

    /// <summary>
    /// Frames the f0 must sit on another semitone before a legato move, by default (a manifest may name them per head,
    /// <see cref="ModelManifest.F0MoveFrames"/>): 30 ms at Instant, 40 ms for the short heads
    /// (30 and 60 ms, which name a note from at most 45 ms of it, so a wrong first pitch is common and a quick correction
    /// pays), 60 ms for heads that named it from 100 ms or more (their moves are more often vibrato and drift). Development
    /// sets (hust validation / synth dev COnP F1, with the running centre), 12 -> 8 frames: 30 ms 0.518 / 0.467 -> 0.543 /
    /// 0.473, 60 ms 0.584 / 0.545 -> 0.567 / 0.604; 120 and 250 ms were better with 12-16 than with 8 (16 gained on hust
    /// alone and lost offline on vocadito: docs/training.md, "Legato move confirmation"). The 250 ms head confirms over
    /// 16 frames since 2026-12-05, with its delta unread (training/runs/f0-250-pair-PLAN.md: on six held-out hust splits
    /// 250 ms +0.018, on all six runs).
    /// </summary>
    private const int MoveFramesInstant = 6, MoveFramesShort = 8, MoveFramesLong = 12, MoveFramesLongest = 16;

    /// <summary>Look-ahead (200 ms) from which a head confirms a legato move over <see cref="MoveFramesLongest"/> frames.</summary>
    private const int LongestFromFrames = 40;

    /// <summary>The legato-move confirmation for a head with this look-ahead when its manifest names none.</summary>
    public static int DefaultMoveFrames(int lookAheadFrames) =>
        lookAheadFrames == 0 ? MoveFramesInstant
        : lookAheadFrames < DeltaBelowFrames ? MoveFramesShort
        : lookAheadFrames < LongestFromFrames ? MoveFramesLong
        : MoveFramesLongest;

    /// <summary>
    /// The frames from a legato move's start whose median f0 names it, for a head of 200 ms or more by default (a manifest
    /// may name them per head, <see cref="ModelManifest.F0MoveNameFrames"/>); shorter heads name a move by everything
    /// they heard of it, which is 105 ms at most. Named by all 235 ms it heard, the 250 ms head named a short note of a
    /// run by the notes after it, or dropped the move as the sounding pitch (a neighbour note, 60-62-60). With 40 frames
    /// (training/runs/f0-move-name-250-PLAN.md): twelve held-out hust split runs 250 ms / offline +0.000, melisma dev
    /// 0.661 / 0.720 -> 0.683 / 0.736, hust val 250 ms 0.676 -> 0.671, hust test 0.735 / 0.747 -> 0.736 / 0.748. Up to 39
    /// frames is one rule (a confirmed move's first 20 frames sit on its new semitone) and lost 0.002-0.003 on the
    /// split runs.
    /// </summary>
    private const int MoveNameFramesLongest = 40;

    /// <summary>The frames that name a legato move for a head with this look-ahead when its manifest names none (0: everything heard).</summary>
    public static int DefaultMoveNameFrames(int lookAheadFrames) => lookAheadFrames >= LongestFromFrames ? MoveNameFramesLongest : 0;

    /// <summary>
    /// A legato move came straight from the note when the move rule's f0 stood within <see cref="StraightSemitones"/> of
    /// the note's centre <see cref="StraightBeforeFrames"/> frames (40 ms) before the move's first frame: a step sung
    /// legato leaves the note within that (the generated glides take 15-45 ms); drift and slow glides creep across the
    /// move line, and a head may make those wait longer (<see cref="ModelManifest.F0MoveSlowFrames"/>). Both fixed before
    /// any result (training/runs/f0-slow-moves-250-PLAN.md).
    /// </summary>
    private const int StraightBeforeFrames = 8;
    private const double StraightSemitones = 0.4;

    /// <summary>
    /// The live confirmation of a move the f0 crept to, for a head of 200 ms or more by default (a manifest may name it per
    /// head, <see cref="ModelManifest.F0MoveSlowFrames"/>); shorter heads wait no longer for it. With 30 frames at 250 ms
    /// (training/runs/f0-slow-moves-live-PLAN.md): held-out hust splits 29-31 +0.0025 (4 runs better, none worse), hust
    /// test 0.736 -> 0.744, development sets 250 ms +0.002..+0.016; offline keeps every move: with 30 frames offline too,
    /// melisma dev offline fell 0.736 -> 0.717 (a refused move leaves two notes as one, named offline by both).
    /// </summary>
    private const int MoveSlowFramesLongest = 30;

    /// <summary>The live confirmation of a crept move for a head with this look-ahead when its manifest names none (0: no longer than any move).</summary>
    public static int DefaultMoveSlowFrames(int lookAheadFrames) => lookAheadFrames >= LongestFromFrames ? MoveSlowFramesLongest : 0;

    /// <summary>
    /// The model's delta names where a note is heading from the little of it a short head has heard; from 100 ms of
    /// look-ahead on, the median of what was heard names it better (hust validation / synth dev, COnP F1 with and
    /// without the delta: 60 ms 0.500 / 0.473 and 0.503 / 0.503; 120 ms 0.537 / 0.553 and 0.606 / 0.592; 250 ms 0.544 / 0.570 and 0.636 / 0.636),
    /// unless the long heads' deltas were refitted for starting notes (a manifest then says so: <see cref="ModelManifest.F0ReadDelta"/>;
    /// training/runs/f0-start-delta-long-PLAN.md).
    /// </summary>
    private const int DeltaBelowFrames = 20;

    /// <summary>Whether a head with this look-ahead reads its delta when its manifest does not say.</summary>
    public static bool DefaultReadsDelta(int lookAheadFrames) => lookAheadFrames < DeltaBelowFrames;

    private readonly DecoderSettings _decoder;
    private readonly NoteSettings _settings;
    private readonly int _lookAhead;
    private readonly int _pitchFrom;   // frames after the decided frame where a starting note's pitch window begins (past its attack)
    private readonly int _moveWindow;  // frames after a frame that the move rule's f0 median takes in
    private readonly int _moveFrames;  // frames the f0 must sit on another semitone before a legato move
    private readonly bool _wholeNote;
    private readonly bool _readDelta;  // a starting note's pitch is its anchor plus the head's delta
    private readonly int _moveName;    // frames from a move's start that name it (0: everything heard)
    private readonly int _moveSlow;    // frames a move the f0 crept to waits (at least _moveFrames)
    private readonly OnsetFillIn? _fillIn;
    private readonly OnsetsAhead? _ahead;   // with a cut: where the fill-in head heard the next onsets
    private readonly int _aheadLag;         // frames the fill-in head's newest verdict lies past the frame decided
    private readonly F0History _f0 = new();
    private readonly SegmentEvent[] _events = new SegmentEvent[MaxEventsPerFrame];
    private int _eventCount;

    private long _frame0EndSample;
    private float _previousOnset;
    private long _pending = -1;
    private long _lastEnd = -1;       // the frame the last note ended at (a filled-in onset never starts before it)
    private float _pendingConfidence;
    private int _frameRun;
    private long _frameRunStart;
    private int _belowRun;
    private long _belowStart;
    private int _moveRun;
    private long _moveStart;
    private int _movePitch;
    private int _moveNeed;            // the confirmation the move being counted needs

    private bool _active;
    private long _activeStart;
    private int _activePitch;         // the pitch sent (before transpose)
    private double _centre;           // the sounding note's centre: its onset estimate, then the median of what was decided of it
    private float _activeConfidence;
    private double _lastTuning;       // the tuning the sounding note was rounded with
    private bool _dropped;            // whole-note mode: the ending note was too short to send

    /// <param name="lookAheadFrames">Frames the head has heard after the frame it decides (its delay).</param>
    /// <param name="wholeNote">Offline: name each note by the median f0 over all of it, sent when it ends.</param>
    /// <param name="pitchFromFrames">
    /// Where a starting note's pitch window begins, in frames after the frame decided (0 = at it; capped at the look-ahead,
    /// so a head that has not heard that far names the note by the latest frame it heard): a window past the attack
    /// leaves a scoop out (<see cref="ModelManifest.F0PitchFromFrames"/>).
    /// </param>
    /// <param name="moveFrames">The legato-move confirmation (null: <see cref="DefaultMoveFrames"/> for the look-ahead).</param>
    /// <param name="fillInThreshold">
    /// The onset threshold of a shorter head whose onsets this head takes where it heard none itself (<see cref="OnsetFillIn"/>;
    /// its outputs come with each <see cref="Step"/>); null: none.
    /// </param>
    /// <param name="readDelta">Whether a starting note's pitch adds the head's delta to its anchor (null: <see cref="DefaultReadsDelta"/>).</param>
    /// <param name="moveNameFrames">
    /// A legato move is named by the median f0 over its first this many frames, as far as heard (0: over everything the
    /// head has heard from the move's start; <see cref="ModelManifest.F0MoveNameFrames"/>; null: <see cref="DefaultMoveNameFrames"/>).
    /// </param>
    /// <param name="moveSlowFrames">
    /// A legato move whose f0 crept to its new semitone instead of leaving the note straight away waits max(moveFrames, this)
    /// frames when decided live (<see cref="ModelManifest.F0MoveSlowFrames"/>; 0: no longer; null: <see cref="DefaultMoveSlowFrames"/>);
    /// offline keeps moveFrames.
    /// </param>
    /// <param name="fillInLagFrames">With a fill-in: how many frames past the frame decided the fill-in head's newest verdict lies (the heads' delays apart).</param>
    /// <param name="cutAtFillInOnset">
    /// With a fill-in: a starting note's and a legato move's naming windows end before the next onset the fill-in head
    /// heard in them, at least a retrigger distance after their start (<see cref="ModelManifest.F0CutAtFillIn"/>).
    /// </param>
    public F0NoteDecoder(DecoderSettings decoder, NoteSettings settings, int lookAheadFrames, bool wholeNote, int pitchFromFrames = 0, int? moveFrames = null,
        double? fillInThreshold = null, bool? readDelta = null, int? moveNameFrames = null, int? moveSlowFrames = null, int fillInLagFrames = 0, bool cutAtFillInOnset = false)
    {
        decoder.Validate();
        if (lookAheadFrames < 0 || lookAheadFrames >= F0History.Capacity / 2) throw new ArgumentOutOfRangeException(nameof(lookAheadFrames), lookAheadFrames, "look-ahead must be 0..1023 frames");
        if (pitchFromFrames < 0) throw new ArgumentOutOfRangeException(nameof(pitchFromFrames), pitchFromFrames, "the pitch window cannot begin before the frame decided");
        if (moveNameFrames < 0) throw new ArgumentOutOfRangeException(nameof(moveNameFrames), moveNameFrames, "a legato move's name window cannot be negative");
        if (moveFrames is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(moveFrames), moveFrames, "a legato move's confirmation must be 1..100 frames");
        if (moveSlowFrames is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(moveSlowFrames), moveSlowFrames, "a crept move's confirmation must be 0..100 frames");
        _moveFrames = moveFrames ?? DefaultMoveFrames(lookAheadFrames);
        _pitchFrom = Math.Min(pitchFromFrames, lookAheadFrames);
        _decoder = decoder;
        _settings = settings;
        _lookAhead = lookAheadFrames;
        _moveWindow = Math.Min(lookAheadFrames, MoveWindowFrames);
        _wholeNote = wholeNote;
        _readDelta = readDelta ?? DefaultReadsDelta(lookAheadFrames);
        _moveName = moveNameFrames ?? DefaultMoveNameFrames(lookAheadFrames);
        // Live only: a refused move leaves two sung notes as one, which live names by its start (the first note's pitch)
        // and offline by all of it (maybe the second's: both wrong); offline keeps every move (f0-slow-moves-live-PLAN.md).
        _moveSlow = wholeNote ? _moveFrames : Math.Max(moveSlowFrames ?? DefaultMoveSlowFrames(lookAheadFrames), _moveFrames);
        _fillIn = fillInThreshold is double threshold ? new OnsetFillIn(threshold) : null;
        if (cutAtFillInOnset)
        {
            if (fillInThreshold is not double partnerThreshold || fillInLagFrames < 1)
                throw new ArgumentException("a naming window is cut at the fill-in head's onsets: it needs a fill-in head and its lag", nameof(cutAtFillInOnset));
            _ahead = new OnsetsAhead(partnerThreshold);
            _aheadLag = Math.Min(fillInLagFrames, lookAheadFrames);
        }
        Reset();
    }

    public ReadOnlySpan<SegmentEvent> Events => _events.AsSpan(0, _eventCount);

    public bool NoteSounding => _active;

    public void Reset()
    {
        _f0.Reset();
        _eventCount = 0;
        _previousOnset = 0;
        _pending = -1;
        _lastEnd = -1;
        _fillIn?.Reset();
        _ahead?.Reset();
        _frameRun = _belowRun = _moveRun = 0;
        _active = false;
        _dropped = false;
    }

    /// <summary>
    /// The next f0 frame (<paramref name="midi"/> NaN when unvoiced, ending at internal sample <paramref name="endSample"/>)
    /// and the head's outputs, which belong to the frame <c>lookAheadFrames</c> earlier (ignored until that frame exists).
    /// </summary>
    /// <param name="tuning">The singer's tuning in semitones from A440 (used when <see cref="NoteSettings.AutoTuning"/>).</param>
    /// <param name="fillIn">With a fill-in threshold: the shorter head's outputs for the same decided frame (<see cref="Models.F0HeadAligner"/>; empty until it has them).</param>
    /// <param name="fillInNewestOnset">With a cut: the fill-in head's onset probability for its newest frame (fillInLagFrames past the frame decided); NaN: none.</param>
    public void Step(double midi, long endSample, double tuning, ReadOnlySpan<float> head, ReadOnlySpan<float> fillIn = default, float fillInNewestOnset = float.NaN)
    {
        _eventCount = 0;
        _f0.Push(midi);
        if (_ahead is not null && !float.IsNaN(fillInNewestOnset)) _ahead.Push(_f0.Newest - _lookAhead + _aheadLag, fillInNewestOnset);
        if (_f0.Newest == 0) _frame0EndSample = endSample;
        long t = _f0.Newest - _lookAhead;
        if (t < 0) return;
        double offset = _settings.AutoTuning && double.IsFinite(tuning) ? tuning : 0;

        float onset = Finite(head[F0Heads.Onset]);
        float frame = Finite(head[F0Heads.Frame]);
        bool rise = onset >= _decoder.OnsetThreshold && _previousOnset < _decoder.OnsetThreshold;
        _previousOnset = onset;

        // An onset only the shorter head heard is decided OnsetFillIn.WindowFrames after it (-1: none).
        float fillInConfidence = 0;
        long missed = _fillIn is not null && !fillIn.IsEmpty ? _fillIn.Step(t, rise, Finite(fillIn[F0Heads.Onset]), out fillInConfidence) : -1;
        if (rise && !(_active && t - _activeStart < RetriggerFrames))
        {
            _pending = t;
            _pendingConfidence = onset;
        }
        else if (missed >= 0 && _pending < 0 && !(_active && missed - _activeStart < RetriggerFrames) && _lastEnd <= missed)
        {
            // Started where the shorter head rose, unless a note has started, moved or ended since (the events already
            // sent stay in order).
            _pending = missed;
            _pendingConfidence = fillInConfidence;
        }
        // A starting note's pitch, only on frames where one may start (an onset waits, or the frame rule may fire).
        double estimate = _pending >= 0 || (!_active && frame >= _decoder.FrameThreshold) ? Estimate(t, head) : double.NaN;
        if (_pending >= 0)
        {
            // An onset no sounding frame follows (a breath, noise before the singing) names no note.
            if (!double.IsNaN(estimate) && frame >= _decoder.FrameOffThreshold && (_lookAhead > 0 || InstantNameable(t - _pending)))
            {
                if (_active) End(_pending);
                Start(_pending, estimate, offset, _pendingConfidence);
                _pending = -1;
            }
            else if (t - _pending >= MaxOnsetWaitFrames)
            {
                _pending = -1; // an attack with no pitch after it (a consonant, a breath)
            }
        }

        // A note ends once the frame probability has stayed low for a few frames (a one-frame dip is not a release).
        if (_active && frame < _decoder.FrameOffThreshold)
        {
            if (_belowRun++ == 0) _belowStart = t;
            if (_belowRun >= _decoder.ReleaseFrames && _pending < 0) End(_belowStart);
        }
        else
        {
            _belowRun = 0;
        }

        // A note the onset head did not announce: frame activation holding with a pitch.
        if (!_active && _pending < 0 && frame >= _decoder.FrameThreshold && !double.IsNaN(estimate))
        {
            if (_frameRun++ == 0) _frameRunStart = t;
            if (_frameRun >= _decoder.FrameStartFrames)
            {
                Start(_frameRunStart, estimate, offset, frame);
                _frameRun = 0;
            }
        }
        else
        {
            _frameRun = 0;
        }

        // A legato move: the f0 around this frame has sat on another semitone, away from the note's centre, for MoveFrames.
        if (_active && _moveRun == 0 && t - _activeStart >= CentreAfterFrames)   // frozen while a move is counted: its frames are not the note's
        {
            double centre = _f0.Median(Math.Max(_activeStart, t - CentreFrames), t);
            if (!double.IsNaN(centre)) _centre = centre;
        }
        // No move while the frame probability is below the off threshold: the note is being released, and the f0
        // that sits elsewhere is the glide into the next syllable (hust validation COnP F1 at Instant-250 ms 0.475 /
        // 0.564 / 0.567 / 0.629 / 0.660 -> 0.478 / 0.565 / 0.576 / 0.634 / 0.664; synth dev unchanged).
        double local = _f0.Median(t, t + _moveWindow);
        int to = _active && _pending < 0 && frame >= _decoder.FrameOffThreshold ? MoveTarget(local, offset) : -1;
        if (to >= 0)
        {
            if (_moveRun == 0 || to != _movePitch) { _moveRun = 0; _moveStart = t; _movePitch = to; _moveNeed = _moveSlow == _moveFrames || CameStraight(t) ? _moveFrames : _moveSlow; }
            if (++_moveRun >= _moveNeed || HeardConfirms(t, _moveNeed - _moveRun, to, offset))
            {
                // Named like an onset's note, by the median over all of it the head has heard, or over its first frames (a manifest's f0_move_name_frames; the rule's 20 ms window follows vibrato).
                // A move that this names as the sounding pitch is none: it only split the note (hust validation COnP F1 at 250
                // ms 0.649 -> 0.660, offline 0.695 -> 0.702; the other cells unchanged or +0.001).
                double heard = _f0.Median(_moveStart, WindowEnd(_moveStart, _moveName > 0 ? Math.Min(_f0.Newest, _moveStart + _moveName - 1) : _f0.Newest));
                double named = double.IsNaN(heard) ? local : heard;
                if (Round(named, offset) != _activePitch && _f0.VoicedFrom(_moveStart, MoveVoicedFrames))
                {
                    End(_moveStart);
                    Start(_moveStart, named, offset, frame);
                }
                _moveRun = 0;
            }
        }
        else
        {
            _moveRun = 0;
        }
    }

    /// <summary>
    /// The pitch of a note starting at decided frame <paramref name="t"/>: the median f0 the head has heard of it (its
    /// anchor, from the pitch window's start), plus the model's delta for short heads; NaN when nothing is voiced.
    /// </summary>
    private double Estimate(long t, ReadOnlySpan<float> head)
    {
        double delta = _readDelta ? Math.Clamp(Finite(head[F0Heads.Delta]), -6, 6) : 0;
        long end = WindowEnd(t, _f0.Newest);
        double anchor = _f0.Median(t + _pitchFrom, end);
        if (double.IsNaN(anchor)) anchor = _f0.Median(t, end);   // nothing voiced after the attack yet: the frames from the onset
        return double.IsNaN(anchor) ? double.NaN : anchor + delta;
    }

    /// <summary>
    /// The last frame of a naming window from <paramref name="start"/> to <paramref name="end"/>: with a cut, the frame
    /// before the next onset the fill-in head heard, at least a retrigger distance after the start. In a fast legato run
    /// a long head's window holds the next notes (training/runs/f0-250-melisma-cut-PLAN.md).
    /// </summary>
    private long WindowEnd(long start, long end)
    {
        long next = _ahead?.FirstRise(start + RetriggerFrames, end) ?? -1;
        return next >= 0 ? next - 1 : end;
    }

    /// <summary>
    /// Whether the rest of a legato move's confirmation (<paramref name="remaining"/> frames after <paramref name="t"/>)
    /// is already heard and sits on <paramref name="to"/>: the same rule as counting those frames one decided frame at a
    /// time, decided as soon as the head has heard them. Counted frame by frame, a move at 30-250 ms was decided 60 ms of
    /// frames after the head's own look-ahead, past the step's budget, and placed about 45 ms late. Development sets (mean
    /// COnP F1 over hust validation and synth dev, six columns, with the heard-median pitch below): 0.572 -> 0.581 for
    /// the single run, 0.580 -> 0.586 for the two-run preset; hust validation alone about even (-0.01..+0.01 per step).
    /// </summary>
    private bool HeardConfirms(long t, int remaining, int to, double offset)
    {
        if (t + remaining + _moveWindow > _f0.Newest) return false;
        for (long u = t + 1; u <= t + remaining; u++)
            if (MoveTarget(_f0.Median(u, u + _moveWindow), offset) != to) return false;
        return true;
    }

    /// <summary>Whether a legato move whose first frame is <paramref name="t"/> left the note straight away (see <see cref="StraightBeforeFrames"/>); an unvoiced frame there counts as straight.</summary>
    private bool CameStraight(long t)
    {
        double before = _f0.Median(t - StraightBeforeFrames, t - StraightBeforeFrames + _moveWindow);
        return double.IsNaN(before) || Math.Abs(before - _centre) < StraightSemitones;
    }

    /// <summary>Whether the Instant head names a pending onset <paramref name="sinceOnset"/> frames after it: once its wait is over and the f0 has settled, or at the longest wait.</summary>
    private bool InstantNameable(long sinceOnset)
    {
        if (sinceOnset < InstantSettleFrames) return false;
        if (sinceOnset >= InstantSettleMaxFrames) return true;
        double now = _f0.At(_f0.Newest), before = _f0.At(_f0.Newest - 2);
        return !double.IsNaN(now) && !double.IsNaN(before) && Math.Abs(now - before) < InstantSettledSemitones;
    }

    /// <summary>The semitone the sounding note would move to for this f0 (far enough from its centre and rounding elsewhere), or -1.</summary>
    private int MoveTarget(double local, double offset)
    {
        if (double.IsNaN(local) || Math.Abs(local - _centre) < MoveSemitones) return -1;
        int to = Round(local, offset);
        return to != _activePitch ? to : -1;
    }

    /// <summary>Ends the sounding note at <paramref name="sourceSample"/> (internal samples), if one sounds.</summary>
    public void Release(long sourceSample, double tuning)
    {
        _eventCount = 0;
        _pending = -1;
        if (!_active) return;
        double offset = _settings.AutoTuning && double.IsFinite(tuning) ? tuning : 0;
        if (_wholeNote) SendWholeNote(Math.Max(_activeStart + 1, _f0.Newest + 1), offset);
        Off(sourceSample);
    }

    private void Start(long frame, double estimate, double tuning, float confidence)
    {
        _active = true;
        _activeStart = frame;
        _centre = estimate;
        _activePitch = Round(estimate, tuning);
        _activeConfidence = confidence;
        _belowRun = 0;
        _moveRun = 0;
        _lastTuning = tuning;
        if (!_wholeNote) On(_activePitch, SampleOf(frame));
    }

    private void End(long frame)
    {
        _lastEnd = frame;
        if (_wholeNote) SendWholeNote(frame, _lastTuning);
        Off(SampleOf(frame));
    }

    /// <summary>Offline: the note from its start to <paramref name="end"/>, named by the median f0 over all of it (a note shorter than the minimum is dropped).</summary>
    private void SendWholeNote(long end, double tuning)
    {
        if ((end - _activeStart) * (double)F0Heads.HopSamples * 1000 / F0Heads.SampleRate < _settings.MinNoteMs)
        {
            _dropped = true;
            return;
        }
        long from = Math.Max(_activeStart, end - F0History.Capacity + _lookAhead + 1);
        double centre = _f0.Median(from, Math.Max(from, end - 1));
        if (!double.IsNaN(centre)) _activePitch = Round(centre, tuning);
        On(_activePitch, SampleOf(_activeStart));
    }

    private void On(int pitch, long source)
    {
        int velocity = _settings.VelocityMode == VelocityMode.Fixed
            ? Math.Clamp(_settings.FixedVelocity, 1, 127)
            : Math.Clamp((int)Math.Round(40 + 87 * _activeConfidence), 1, 127);
        Add(new SegmentEvent(NoteEventKind.NoteOn, OutputPitch(pitch), velocity, Math.Clamp(_settings.Channel, 0, 15), 0, source));
    }

    private void Off(long source)
    {
        if (_dropped)
        {
            _dropped = false;
            _active = false;
            return;
        }
        Add(new SegmentEvent(NoteEventKind.NoteOff, OutputPitch(_activePitch), 0, Math.Clamp(_settings.Channel, 0, 15), 0, source));
        _active = false;
    }

    private int OutputPitch(int pitch) => Math.Clamp(pitch + _settings.Transpose, 0, 127);

    private int Round(double midi, double tuning) => ScaleSnapper.Snap(midi - tuning, _settings.Scale, _settings.Key);

    private void Add(in SegmentEvent e)
    {
        if (_eventCount < MaxEventsPerFrame) _events[_eventCount++] = e;
    }

    private long SampleOf(long frame) => Math.Max(0, _frame0EndSample + frame * F0Heads.HopSamples - F0Heads.CentreOffsetSamples);

    private static float Finite(float v) => float.IsFinite(v) ? v : 0;
}
