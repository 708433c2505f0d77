namespace Audio2Midi.Models;

/// <summary>
/// The frame-model stage of a model engine: one normalised feature frame in, one posterior vector
/// (<see cref="PosteriorLayout"/>) out, state carried between calls. <see cref="Step"/> follows DESIGN.md section 4.
/// </summary>
public interface IFrameModel : IDisposable
{
    int InputBins { get; }

    int OutputSize { get; }

    /// <summary>
    /// Steps between a frame going in and its posteriors coming out (0 for a streaming model). The first
    /// <see cref="DelayFrames"/> outputs after a reset belong to no frame; the engine skips them.
    /// </summary>
    int DelayFrames => 0;

    /// <summary>Runs that finished too late to be used (a model running off the audio thread); 0 for one that never runs late.</summary>
    int LateRuns => 0;

    void Step(ReadOnlySpan<float> features, Span<float> posteriors);

    /// <summary>Forgets all history (the state a stream starts from).</summary>
    void Reset();
}
