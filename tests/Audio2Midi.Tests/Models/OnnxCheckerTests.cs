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
        OptionalTool.Require(SystemPython.Imports("onnx"),
            "onnx.checker needs Debian's python3-onnx: apt-get install python3-onnx (.ci/run installs it)");
        using IFrameNetwork network = OnnxExportTests.Network(kind);
        string path = Path.Combine(Path.GetTempPath(), $"a2m-checker-{kind}-{Environment.ProcessId}.onnx");
        File.WriteAllBytes(path, ModelExporter.ToOnnx(network, "checked"));
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
