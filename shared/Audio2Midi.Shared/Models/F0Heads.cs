namespace Audio2Midi.Models;

/// <summary>
/// The output layout of an f0 note model: one head per look-ahead, each four numbers (onset, offset, frame
/// probabilities and the pitch delta in semitones). Head h's output at frame t belongs to frame t - DelayFrames[h]:
/// it has heard DelayFrames[h] frames after the frame it decides. One network, one ONNX session, every Latency step.
/// </summary>
public sealed record F0Heads(IReadOnlyList<int> DelayFrames)
{
    public const int PerHead = 4;
    public const int Onset = 0;
    public const int Offset = 1;
    public const int Frame = 2;

    /// <summary>The note's pitch minus the median f0 over the frames the head has heard of it (semitones).</summary>
    public const int Delta = 3;

    /// <summary>Internal rate and pYIN hop the heads' frames are counted in.</summary>
    public const int SampleRate = 16000;
    public const int HopSamples = 80;

    /// <summary>Internal samples from a frame's end back to the instant it stands for (half the 256-sample YIN window).</summary>
    public const int CentreOffsetSamples = 128;

    /// <summary>What the host-side resampler in front adds before a frame completes, counted against a budget (at most ~6 ms at 44.1-48 kHz).</summary>
    private const int FrontAllowanceSamples = 96;

    public int Count => DelayFrames.Count;

    public int Size => Count * PerHead;

    public double FrameMs => 1000.0 * HopSamples / SampleRate;

    /// <summary>The look-ahead frames a budget of <paramref name="latencyMs"/> pays for (0 for Instant).</summary>
    public static int FramesFor(int latencyMs) =>
        latencyMs <= 0 ? 0 : Math.Max(0, (latencyMs * SampleRate / 1000 - CentreOffsetSamples - FrontAllowanceSamples) / HopSamples);

    /// <summary>The heads a model for these Latency steps carries (one per distinct look-ahead).</summary>
    public static F0Heads ForSteps(IEnumerable<int> latencyMs) => new(latencyMs.Select(FramesFor).Distinct().Order().ToArray());

    /// <summary>The head with the most look-ahead within a budget; offline (negative) takes the last.</summary>
    public int HeadFor(int latencyMs)
    {
        if (latencyMs < 0) return Count - 1;
        int frames = FramesFor(latencyMs), best = 0;
        for (int h = 0; h < Count; h++)
            if (DelayFrames[h] <= frames) best = h;
        return best;
    }

    public void Validate(string path)
    {
        if (Count < 1 || Count > 16) throw new InvalidDataException($"{path}: an f0 model needs 1-16 heads, the manifest names {Count}");
        for (int h = 0; h < Count; h++)
            if (DelayFrames[h] < 0 || DelayFrames[h] > 400 || (h > 0 && DelayFrames[h] <= DelayFrames[h - 1]))
                throw new InvalidDataException($"{path}: head delays must rise from 0..400 frames ({string.Join(", ", DelayFrames)})");
    }
}
