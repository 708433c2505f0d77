using TorchSharp;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// Where training runs. This build references TorchSharp-cpu; a machine with an NVIDIA GPU can reference a TorchSharp
/// CUDA package instead (nothing else changes) and train with --device cuda. The exported ONNX file is the same either way.
/// </summary>
public static class TrainingDevice
{
    public static torch.Device Resolve(string name) => name.ToLowerInvariant() switch
    {
        "cpu" => torch.CPU,
        "cuda" when torch.cuda.is_available() => torch.CUDA,
        "cuda" => throw new ArgumentException("--device cuda: no CUDA device is usable (this build uses TorchSharp-cpu; reference a TorchSharp CUDA package and run on a machine with an NVIDIA GPU)"),
        _ => throw new ArgumentException($"--device {name}: use cpu or cuda"),
    };
}
