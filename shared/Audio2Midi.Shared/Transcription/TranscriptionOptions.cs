using Audio2Midi.Notes;
using Audio2Midi.Pitch;

namespace Audio2Midi.Transcription;

/// <summary>How a file is streamed through the engine.</summary>
public sealed record TranscriptionOptions
{
    /// <summary>
    /// True: exactly what the plugin emits when the file plays through it at <see cref="HostRate"/> in
    /// blocks of <see cref="BlockSize"/>; a note starts where its NoteOn is emitted. False: the engine may
    /// look ahead (decoder lag) and notes are placed where they were sung.
    /// </summary>
    public bool Live { get; init; }

    /// <summary>Host sample rate for live runs (the file is resampled to it first, as a DAW would). Offline runs use the file's rate.</summary>
    public double HostRate { get; init; } = 48000;

    public int BlockSize { get; init; } = 128;

    /// <summary>
    /// Live only: the plugin's Latency step in milliseconds (<see cref="Placement.LatencySteps"/>; 0 = Instant).
    /// Notes leave the plugin at their sung position plus this much, and are written where a host that
    /// compensates the reported latency records them: their output position minus this.
    /// </summary>
    public int LatencyMs { get; init; }

    /// <summary>Overrides the pitch decoder's lag (frames) that the Latency step or offline mode would choose.</summary>
    public int? DecoderLagFrames { get; init; }

    /// <summary>An exported model (MODEL.onnx with MODEL.json beside it) to run instead of the pYIN engine; null = pYIN.</summary>
    public string? ModelPath { get; init; }

    /// <summary>With <see cref="ModelPath"/> (a live model): the hybrid, the model's onsets and offsets with pYIN's pitch (<see cref="Engine.PyinPitchStage"/>).</summary>
    public bool PyinPitch { get; init; }

    /// <summary>With <see cref="ModelPath"/>: decoder thresholds to use instead of the manifest's (to fit them on a validation split).</summary>
    public Models.DecoderSettings? Decoder { get; init; }

    public NoteSettings Notes { get; init; } = new();

    public PyinSettings Pyin { get; init; } = new();

    public void Validate()
    {
        if (BlockSize < 1 || BlockSize > 1 << 20) throw new ArgumentOutOfRangeException(nameof(BlockSize), BlockSize, "block size must be 1..1048576 frames");
        if (!(HostRate >= 8000 && HostRate <= 384000)) throw new ArgumentOutOfRangeException(nameof(HostRate), HostRate, "host rate must be 8000..384000 Hz");
        if (DecoderLagFrames is < 0 or > 200) throw new ArgumentOutOfRangeException(nameof(DecoderLagFrames), DecoderLagFrames, "decoder lag must be 0..200 frames");
        if (Live && !Placement.LatencySteps.IsStep(LatencyMs))
            throw new ArgumentOutOfRangeException(nameof(LatencyMs), LatencyMs, $"latency must be one of the plugin's steps: {Placement.LatencySteps.List} ms");
        Pyin.Validate();
    }
}
