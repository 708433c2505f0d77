using Audio2Midi.Models;
using Audio2Midi.Training.Models;
using Audio2Midi.Training.Onnx;

namespace Audio2Midi.Tests.Models;

/// <summary>
/// The live sliding-window runner of windowed models: stepped frame by frame, each frame's posteriors come out
/// <see cref="SlidingWindowModel.DelayFrames"/> steps later and equal the model run once over the window of the run
/// that produced them (zeros before the stream), for every windowed kind; and it allocates nothing per step.
/// </summary>
[Collection("Torch")]
public sealed class SlidingWindowModelTests
{
    [Theory]
    [InlineData(ModelKind.Crnn, 12)]
    [InlineData(ModelKind.Crnn, 0)]
    [InlineData(ModelKind.Transformer, 20)]
    [InlineData(ModelKind.Unet, 8)]
    public void SteppedOutputsEqualTheWindowRunThatMadeThem(ModelKind kind, int lookAhead)
    {
        using IFrameNetwork network = OnnxExportTests.Network(kind);
        using var model = new OnnxFrameModel("w.onnx", ModelExporter.ToOnnx(network, "w"));
        const int window = 48, steps = 220;
        using var sliding = new SlidingWindowModel(model, window, lookAhead);
        int bins = model.InputBins, outputs = model.OutputSize, hop = SlidingWindowModel.HopFrames;
        Assert.Equal(lookAhead + 2 * hop - 1, sliding.DelayFrames);
        float[] features = OnnxExportTests.RandomFeatures(steps, 5, bins);
        var got = new float[steps * outputs];
        for (int s = 0; s < steps; s++) sliding.Step(features.AsSpan(s * bins, bins), got.AsSpan(s * outputs, outputs));

        double worst = 0;
        int checkedFrames = 0;
        for (int f = 0; f + sliding.DelayFrames < steps; f++)
        {
            // The run that hands frame f out: the first at or after f + lookAhead, runs coming after every hop-th frame.
            int t = f + lookAhead;
            while ((t + 1) % hop != 0) t++;
            var input = new float[window * bins];
            for (int w = 0; w < window; w++)
            {
                int frame = t - window + 1 + w;
                if (frame >= 0) features.AsSpan(frame * bins, bins).CopyTo(input.AsSpan(w * bins));
            }
            float[] expected = model.RunFrames(input, window);
            int row = f - (t - window + 1);
            ReadOnlySpan<float> e = expected.AsSpan(row * outputs, outputs);
            ReadOnlySpan<float> a = got.AsSpan((f + sliding.DelayFrames) * outputs, outputs);
            for (int k = 0; k < outputs; k++) worst = Math.Max(worst, Math.Abs(e[k] - a[k]));
            checkedFrames++;
        }
        Assert.True(checkedFrames > 130);
        Assert.True(worst < 1e-5, $"largest difference {worst}");
    }

    /// <summary>On a worker thread that keeps up, the outputs are the synchronous ones; one that cannot keep up is counted late and hands out zeros.</summary>
    [Fact]
    public void AWorkerThatKeepsUpGivesTheSameOutputsAndALateOneIsCounted()
    {
        using IFrameNetwork network = OnnxExportTests.Network(ModelKind.Crnn);
        using var model = new OnnxFrameModel("w.onnx", ModelExporter.ToOnnx(network, "w"));
        using var sync = new SlidingWindowModel(model, 48, 12);
        using var worker = new SlidingWindowModel(model, 48, 12, background: true);
        int bins = model.InputBins, outputs = model.OutputSize;
        float[] features = OnnxExportTests.RandomFeatures(200, 9, bins);
        var a = new float[outputs];
        var b = new float[outputs];
        double worst = 0;
        for (int s = 0; s < 200; s++)
        {
            sync.Step(features.AsSpan(s * bins, bins), a);
            worker.Step(features.AsSpan(s * bins, bins), b);
            if ((s + 1) % SlidingWindowModel.HopFrames == 0)   // a worker that keeps up: its run is done before the next hop
                Assert.True(SpinWait.SpinUntil(() => !worker.RunPending, 10_000), "the worker never finished a run");
            for (int k = 0; k < outputs; k++) worst = Math.Max(worst, Math.Abs(a[k] - b[k]));
        }
        Assert.Equal(0.0, worst);
        Assert.Equal(0, worker.LateRuns);

        using var hold = new ManualResetEventSlim(false);
        using var hurried = new SlidingWindowModel(model, 48, 12, background: true) { HoldRuns = hold };
        double heard = 0;
        try
        {
            for (int s = 0; s < 200; s++)
            {
                hurried.Step(features.AsSpan(s * bins, bins), b);
                foreach (float v in b) heard = Math.Max(heard, Math.Abs(v));
            }
        }
        finally { hold.Set(); }   // else disposing would wait for the held run for ever
        // The first run is submitted at frame 25 and held; the hops due at 50, 75, ..., 200 find it unfinished.
        Assert.Equal(200 / SlidingWindowModel.HopFrames - 1, hurried.LateRuns);
        Assert.Equal(0.0, heard);   // a late run's frames come out as zeros
    }

    [Fact]
    public void StepsAllocateNothing()
    {
        using IFrameNetwork network = OnnxExportTests.Network(ModelKind.Crnn);
        using var model = new OnnxFrameModel("w.onnx", ModelExporter.ToOnnx(network, "w"));
        using var sliding = new SlidingWindowModel(model, 48, 12);
        float[] features = OnnxExportTests.RandomFeatures(1, 2, model.InputBins);
        var posteriors = new float[model.OutputSize];
        // Passes of 1000 steps (40 runs): one to warm up, then the least of three measured (AllocationProbe).
        void Steps()
        {
            for (int i = 0; i < 1000; i++) sliding.Step(features, posteriors);
        }
        Steps();
        Assert.Equal(0, AllocationProbe.LeastPerPass(Steps));
    }

    [Fact]
    public void ALookAheadThatDoesNotFitIsRefused()
    {
        using IFrameNetwork network = OnnxExportTests.Network(ModelKind.Crnn);
        using var model = new OnnxFrameModel("w.onnx", ModelExporter.ToOnnx(network, "w"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlidingWindowModel(model, 48, 48 - SlidingWindowModel.HopFrames + 1));
        using IFrameNetwork live = OnnxExportTests.Network(ModelKind.Live);
        using var streaming = new OnnxFrameModel("l.onnx", ModelExporter.ToOnnx(live, "l"));
        Assert.Throws<ArgumentException>(() => new SlidingWindowModel(streaming, 48, 12));
    }
}
