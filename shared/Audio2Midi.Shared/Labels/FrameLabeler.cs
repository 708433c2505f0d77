using Audio2Midi.Midi;

namespace Audio2Midi.Labels;

/// <summary>
/// Turns notes into <see cref="FrameLabels"/> on the CQT's frame grid: frame j is centred at j / framesPerSecond
/// seconds, and a note covers frames round(onset * fps) .. round(offset * fps) - 1. Every irregularity is kept
/// as a <see cref="LabelIssue"/>; nothing is changed silently.
/// </summary>
public static class FrameLabeler
{
    public static FrameLabels Label(IReadOnlyList<MidiNote> notes, int frameCount, double framesPerSecond, LabelSettings settings)
    {
        settings.Validate();
        if (frameCount < 0) throw new ArgumentOutOfRangeException(nameof(frameCount));
        if (!(framesPerSecond > 0)) throw new ArgumentOutOfRangeException(nameof(framesPerSecond));
        var issues = new List<LabelIssue>();
        if (notes.Count == 0) issues.Add(new LabelIssue(LabelIssueKind.NoNotes, -1, "the MIDI file holds no notes: every frame is silence"));
        var spans = new List<(int Pitch, int First, int End)>();
        double audioSeconds = frameCount / framesPerSecond;
        for (int i = 0; i < notes.Count; i++)
        {
            MidiNote n = notes[i];
            string at = $"note {i} (pitch {n.Pitch}, {n.OnsetSeconds:0.###}-{n.OffsetSeconds:0.###} s)";
            if (!(n.OffsetSeconds > n.OnsetSeconds))
            {
                issues.Add(new LabelIssue(LabelIssueKind.ZeroLengthNote, i, $"{at} has zero length: not labelled"));
                continue;
            }
            int first = (int)Math.Round(n.OnsetSeconds * framesPerSecond);
            int end = (int)Math.Round(n.OffsetSeconds * framesPerSecond);
            if (first >= frameCount)
            {
                issues.Add(new LabelIssue(LabelIssueKind.NoteAfterAudioEnd, i, $"{at} starts after the audio ends ({audioSeconds:0.###} s): not labelled"));
                continue;
            }
            if (end <= first)
            {
                issues.Add(new LabelIssue(LabelIssueKind.ShorterThanFrame, i, $"{at} is shorter than a frame: labelled on frame {first}"));
                end = first + 1;
            }
            if (end > frameCount)
            {
                issues.Add(new LabelIssue(LabelIssueKind.NotePastAudioEnd, i, $"{at} ends after the audio ({audioSeconds:0.###} s): labelled up to the last frame"));
            }
            if (n.Pitch < settings.MinPitch || n.Pitch > settings.MaxPitch)
            {
                issues.Add(new LabelIssue(LabelIssueKind.PitchOutOfRange, i, $"{at} is outside the labelled range {settings.MinPitch}..{settings.MaxPitch}: not labelled"));
                continue;
            }
            spans.Add((n.Pitch, Math.Max(0, first), end));
        }
        var labels = new FrameLabels(frameCount, settings, issues);
        int pitches = settings.PitchCount;
        var active = new int[frameCount * pitches]; // notes sounding, to detect overlaps
        foreach ((int pitch, int first, int end) in spans)
        {
            int p = pitch - settings.MinPitch;
            int last = Math.Min(end, frameCount);
            for (int f = first; f < last; f++)
            {
                active[f * pitches + p]++;
                labels.Frame[f * pitches + p] = 1;
            }
            for (int f = first; f < Math.Min(first + settings.OnsetWidthFrames, last); f++) labels.Onset[f * pitches + p] = 1;
            for (int f = end; f < Math.Min(end + settings.OffsetWidthFrames, frameCount); f++) labels.Offset[f * pitches + p] = 1;
        }
        int overlapFrames = 0, polyFrames = 0;
        for (int f = 0; f < frameCount; f++)
        {
            int sounding = 0;
            for (int p = pitches - 1; p >= 0; p--)
            {
                int count = active[f * pitches + p];
                if (count == 0) continue;
                if (count > 1) overlapFrames++;
                if (sounding++ == 0) labels.Class[f] = (short)(p + 1);
            }
            if (sounding > 1) polyFrames++;
        }
        if (overlapFrames > 0)
            issues.Add(new LabelIssue(LabelIssueKind.SamePitchOverlap, -1, $"{overlapFrames} frame(s) where notes of the same pitch overlap: labelled as one note"));
        if (polyFrames > 0)
            issues.Add(new LabelIssue(LabelIssueKind.Polyphony, -1, $"{polyFrames} frame(s) with several pitches at once: the class target takes the highest"));
        return labels;
    }
}
