using Audio2Midi.Models;

namespace Audio2Midi.Notes;

/// <summary>
/// Posteriors -> notes, one frame at a time, for one voice (singing is monophonic). A note starts where the onset
/// probability rises through its threshold, on the pitch the frame head then names for a few frames running (a causal
/// model often names a neighbour right after the attack; the note is dated at the onset), or where one pitch's frame probability
/// has held above its threshold for a few frames without an onset; it moves to another pitch when that pitch's
/// frame activation beats it for as long; it ends when its own frame probability has stayed below the off threshold
/// for a few frames. Every decision
/// carries the frame where its evidence began (<see cref="SegmentEvent.SourceSample"/>), so placement can put it
/// where it was sung. A note's confidence is the mean frame probability over its frames.
/// </summary>
/// <remarks>Real time (DESIGN.md section 4): everything is allocated in the constructor; <see cref="Step"/> never allocates or throws.</remarks>
public sealed class PosteriorNoteDecoder
{
    private const int MaxEventsPerFrame = 4;

    /// <summary>An onset not followed by a steady pitch within this many frames (100 ms) is dropped.</summary>
    private const int MaxOnsetWaitFrames = 10;

    private readonly DecoderSettings _decoder;
    private readonly NoteSettings _settings;
    private readonly PosteriorLayout _layout;
    private readonly long _hopSamples;
    private readonly long _frameOffsetSamples;
    private readonly SegmentEvent[] _events = new SegmentEvent[MaxEventsPerFrame];
    private readonly float[] _confidence = new float[MaxEventsPerFrame];
    private int _eventCount;

    private float _previousOnset;
    private long _pendingOnset = -1; // frame of an onset still waiting for the frame head to name a pitch
    private float _pendingConfidence;
    private int _pendingPitch = -1;
    private int _pendingSteady;
    private int _candidate = -1; // pitch index holding frame activation without a note (or against the sounding note)
    private int _candidateFrames;
    private long _candidateStart;

    private int _belowFrames; // consecutive frames the sounding note's pitch has been below the off threshold
    private long _belowStart;

    private int _active = -1; // pitch index of the sounding note
    private long _activeStart; // frame its evidence began
    private int _outputPitch;
    private int _outputChannel;
    private double _frameSum;
    private int _frameCount;
    private long _frame;

    /// <param name="hopSamples">Internal samples between frames.</param>
    /// <param name="frameOffsetSamples">Internal sample at which frame 0 is centred (0 for the CQT).</param>
    public PosteriorNoteDecoder(PosteriorLayout layout, DecoderSettings decoder, NoteSettings settings, int hopSamples, long frameOffsetSamples = 0)
    {
        decoder.Validate();
        _layout = layout;
        _decoder = decoder;
        _settings = settings;
        _hopSamples = hopSamples;
        _frameOffsetSamples = frameOffsetSamples;
    }

    /// <summary>Events decided by the latest <see cref="Step"/> or <see cref="Release"/>.</summary>
    public ReadOnlySpan<SegmentEvent> Events => _events.AsSpan(0, _eventCount);

    /// <summary>Per event: the onset probability for a NoteOn, the note's mean frame probability for a NoteOff.</summary>
    public ReadOnlySpan<float> Confidences => _confidence.AsSpan(0, _eventCount);

    public bool NoteSounding => _active >= 0;

    /// <summary>Frames decoded since the last reset.</summary>
    public long Frames => _frame;

    /// <summary>Decodes the next frame's posteriors (layout order); non-finite values count as 0.</summary>
    public void Step(ReadOnlySpan<float> posteriors)
    {
        _eventCount = 0;
        long t = _frame++;
        float onset = Finite(posteriors[_layout.Onset]);
        ReadOnlySpan<float> frame = posteriors.Slice(_layout.Frame, _layout.Pitches);
        bool onsetRise = onset >= _decoder.OnsetThreshold && _previousOnset < _decoder.OnsetThreshold;
        _previousOnset = onset;
        int bestFrame = ArgMax(frame);
        float bestFrameValue = Finite(frame[bestFrame]);

        if (onsetRise)
        {
            _pendingOnset = t;
            _pendingConfidence = onset;
            _pendingSteady = 0;
            _pendingPitch = -1;
        }
        if (_pendingOnset >= 0)
        {
            // Wait until the frame head has named the same pitch for a few frames: right after an attack it often
            // names a neighbour first (a scoop, or the head still unsure). The note is still dated at the onset.
            if (bestFrameValue >= _decoder.FrameOffThreshold)
            {
                _pendingSteady = bestFrame == _pendingPitch ? _pendingSteady + 1 : 1;
                _pendingPitch = bestFrame;
            }
            else
            {
                _pendingSteady = 0;
            }
            if (_pendingSteady >= _decoder.OnsetSettleFrames)
            {
                // A new attack: on another pitch, or the same one sung again.
                if (_active >= 0) End(_pendingOnset);
                Start(bestFrame, _pendingOnset, _pendingConfidence);
                _pendingOnset = -1;
                _candidate = -1;
            }
            else if (t - _pendingOnset >= MaxOnsetWaitFrames)
            {
                _pendingOnset = -1; // an attack with no steady pitch after it (a consonant, a breath)
            }
        }
        // A note ends once its pitch has stayed below the off threshold for a few frames (a one-frame dip is not a release).
        if (_active >= 0 && Finite(frame[_active]) < _decoder.FrameOffThreshold)
        {
            if (_belowFrames++ == 0) _belowStart = t;
            if (_belowFrames >= _decoder.ReleaseFrames && _pendingOnset < 0) End(_belowStart);
        }
        else
        {
            _belowFrames = 0;
        }

        // Frame activation that an onset did not announce: a note starting softly, or a legato move to another pitch.
        // While an onset waits for its pitch, it decides: the frame rule would start the note on the neighbour it passes.
        bool challenger = _pendingOnset < 0 && bestFrameValue >= _decoder.FrameThreshold && bestFrame != _active
            && (_active < 0 || bestFrameValue > Finite(frame[_active]));
        if (challenger)
        {
            if (bestFrame != _candidate)
            {
                _candidate = bestFrame;
                _candidateFrames = 0;
                _candidateStart = t;
            }
            if (++_candidateFrames >= _decoder.FrameStartFrames)
            {
                // A young note that moves was a scoop into the new pitch: the new note takes its onset (the old one
                // ends where it began, so placement strikes it if it was not heard yet).
                long start = _active >= 0 && _candidateStart - _activeStart < _decoder.RepitchWithinFrames ? _activeStart : _candidateStart;
                if (_active >= 0) End(start);
                Start(_candidate, start, bestFrameValue);
                _candidate = -1;
            }
        }
        else
        {
            _candidate = -1;
        }

        if (_active >= 0)
        {
            _frameSum += Finite(frame[_active]);
            _frameCount++;
        }
    }

    /// <summary>Ends the sounding note at <paramref name="sourceSample"/> (internal samples), if one sounds.</summary>
    public void Release(long sourceSample)
    {
        _eventCount = 0;
        if (_active >= 0) Off(sourceSample);
        _candidate = -1;
    }

    public void Reset()
    {
        _eventCount = 0;
        _previousOnset = 0;
        _pendingOnset = -1;
        _belowFrames = 0;
        _candidate = -1;
        _active = -1;
        _frame = 0;
        _frameSum = 0;
        _frameCount = 0;
    }

    private void Start(int pitchIndex, long frame, float confidence)
    {
        _active = pitchIndex;
        _activeStart = frame;
        _belowFrames = 0;
        _frameSum = 0;
        _frameCount = 0;
        _outputPitch = Math.Clamp(_layout.MinPitch + pitchIndex + _settings.Transpose, 0, 127);
        _outputChannel = Math.Clamp(_settings.Channel, 0, 15);
        int velocity = _settings.VelocityMode == VelocityMode.Fixed
            ? Math.Clamp(_settings.FixedVelocity, 1, 127)
            : Math.Clamp((int)Math.Round(40 + 87 * confidence), 1, 127);
        Add(new SegmentEvent(NoteEventKind.NoteOn, _outputPitch, velocity, _outputChannel, 0, SampleOf(frame)), confidence);
    }

    private void End(long frame) => Off(SampleOf(frame));

    private void Off(long sourceSample)
    {
        float confidence = _frameCount > 0 ? (float)(_frameSum / _frameCount) : 0;
        Add(new SegmentEvent(NoteEventKind.NoteOff, _outputPitch, 0, _outputChannel, 0, sourceSample), confidence);
        _active = -1;
    }

    private void Add(in SegmentEvent e, float confidence)
    {
        if (_eventCount == MaxEventsPerFrame) return; // cannot happen: at most an off and an on per rule, two rules per frame
        _confidence[_eventCount] = confidence;
        _events[_eventCount++] = e;
    }

    private long SampleOf(long frame) => _frameOffsetSamples + frame * _hopSamples;

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        float max = Finite(values[0]);
        for (int i = 1; i < values.Length; i++)
        {
            float v = Finite(values[i]);
            if (v > max) { max = v; best = i; }
        }
        return best;
    }

    private static float Finite(float v) => float.IsFinite(v) ? v : 0;
}
