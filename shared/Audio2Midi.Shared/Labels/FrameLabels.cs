namespace Audio2Midi.Labels;

/// <summary>
/// Per-frame targets of one recording: onset, frame (note active) and offset for each pitch of the range
/// (row-major [frame x pitch], 0 or 1), and the single-label class per frame (0 = silence, 1 + pitch - MinPitch).
/// </summary>
public sealed class FrameLabels(int frameCount, LabelSettings settings, IReadOnlyList<LabelIssue> issues)
{
    public int FrameCount { get; } = frameCount;

    public LabelSettings Settings { get; } = settings;

    public int PitchCount => Settings.PitchCount;

    public byte[] Onset { get; } = new byte[frameCount * settings.PitchCount];

    public byte[] Frame { get; } = new byte[frameCount * settings.PitchCount];

    public byte[] Offset { get; } = new byte[frameCount * settings.PitchCount];

    public short[] Class { get; } = new short[frameCount];

    /// <summary>What was found and how it was handled; empty for a clean file.</summary>
    public IReadOnlyList<LabelIssue> Issues { get; } = issues;

    public bool IsActive(int frame, int pitch) => Frame[frame * PitchCount + pitch - Settings.MinPitch] != 0;

    /// <summary>MIDI pitch of a class, or null for silence.</summary>
    public int? ClassPitch(int frame) => Class[frame] == 0 ? null : Settings.MinPitch + Class[frame] - 1;
}
