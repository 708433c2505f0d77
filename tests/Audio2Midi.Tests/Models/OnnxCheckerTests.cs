using Audio2Midi.Training.Models;
using Audio2Midi.Training.Onnx;

namespace Audio2Midi.Tests.Models;

/// <summary>The exported files pass the ONNX project's own checker with full checking (shape inference included).</summary>
[Collection("Torch")]
public sealed class OnnxCheckerTests
{
    [SkippableTheory]
    [InlineData(ModelKind.Live)]
    [InlineData(ModelKind.Crnn)]
    [InlineData(ModelKind.Transformer)]
    [InlineData(ModelKind.Unet)]
    public void ExportPassesOnnxCheckerFullCheck(ModelKind kind)
    {
        using IFrameNetwork network = OnnxExportTests.Network(kind);
        Check(ModelExporter.ToOnnx(network, "checked"), kind.ToString());
    }

    /// <summary>The shipped f0 note model, as `a2m train-f0` exported it.</summary>
    [SkippableFact]
    public void TheShippedF0ModelPassesOnnxCheckerFullCheck()
    {
        string? onnx = Engine.F0NoteEngineTests.ShippedF0Preset();
        Assert.NotNull(onnx);
        Check(File.ReadAllBytes(onnx), "f0");
    }

    private static void Check(byte[] model, string name)
    {
        OptionalTool.Require(SystemPython.Imports("onnx"),
            "onnx.checker needs Debian's python3-onnx: apt-get install python3-onnx (.ci/run installs it)");
        string path = Path.Combine(Path.GetTempPath(), $"a2m-checker-{name}-{Environment.ProcessId}.onnx");
        File.WriteAllBytes(path, model);
        try
        {
            var (code, stdout, stderr) = SystemPython.Run("-c",
                "import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print('opset', m.opset_import[0].version, 'ir', m.ir_version)",
                path);
            Assert.True(code == 0, stdout + stderr);
            Assert.Contains("opset 17 ir 8", stdout);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
