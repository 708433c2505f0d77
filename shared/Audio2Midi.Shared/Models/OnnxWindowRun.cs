using Microsoft.ML.OnnxRuntime;

namespace Audio2Midi.Models;

/// <summary>
/// One windowed model bound to fixed input and output buffers ([1, frames, bins] -> [1, frames, outputs]): fill
/// <see cref="Input"/>, call <see cref="Run"/>, read <see cref="Output"/>. Nothing is allocated per run (DESIGN.md
/// section 4), so it may run on the audio thread; made by <see cref="OnnxFrameModel.CreateWindowRun"/>.
/// </summary>
public sealed class OnnxWindowRun : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _options;
    private readonly OrtIoBinding _binding;
    private readonly OrtValue _input;
    private readonly OrtValue _output;

    internal OnnxWindowRun(InferenceSession session, RunOptions options, int frames, int bins, int outputs)
    {
        if (frames < 1) throw new ArgumentOutOfRangeException(nameof(frames), frames, "a window needs at least one frame");
        _session = session;
        _options = options;
        Frames = frames;
        Input = new float[frames * bins];
        Output = new float[frames * outputs];
        _input = OrtValue.CreateTensorValueFromMemory(Input, [1, frames, bins]);
        _output = OrtValue.CreateTensorValueFromMemory(Output, [1, frames, outputs]);
        _binding = session.CreateIoBinding();
        _binding.BindInput(ModelTensorNames.Features, _input);
        _binding.BindOutput(ModelTensorNames.Posteriors, _output);
    }

    public int Frames { get; }

    /// <summary>[frames x bins], oldest frame first.</summary>
    public float[] Input { get; }

    /// <summary>[frames x outputs] after <see cref="Run"/>.</summary>
    public float[] Output { get; }

    public void Run() => _session.RunWithBinding(_options, _binding);

    public void Dispose()
    {
        _binding.Dispose();
        _input.Dispose();
        _output.Dispose();
    }
}
