using Audio2Midi.Engine;
using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Notes;
using Audio2Midi.Tests.Signals;
using Audio2Midi.Training.Models;
using Audio2Midi.Training.Onnx;
using TorchSharp;

namespace Audio2Midi.Tests.Engine;

/// <summary>
/// The model engine with a real exported network in the real ONNX Runtime: the same events for every block
/// partition, the streamed frames equal to the offline feature function run through the whole-window model, and
/// no allocation per block once warm.
/// </summary>
[Collection("Torch")]
public sealed class ModelNoteEngineTests
{
    private static readonly PosteriorLayout Layout = new(48, 30);

    /// <summary>An untrained live network over the default CQT (its posteriors still move with the input).</summary>
    private static (OnnxFrameModel Model, FeatureParameters Features) RandomModel(int seed = 4)
    {
        torch.set_num_threads(1);
        torch.manual_seed(seed);
        var cqt = new CqtSettings();
        using IFrameNetwork network = NetworkFactory.Create(new ModelConfig { ConvChannels = 4, Hidden = 16 }, cqt.BinCount, Layout, 400);
        network.Module.eval();
        var features = new FeatureParameters
        {
            Cqt = cqt,
            Normalization = new FeatureNormalization(Enumerable.Repeat(-60f, cqt.BinCount).ToArray(), Enumerable.Repeat(20f, cqt.BinCount).ToArray()),
        };
        return (new OnnxFrameModel("random.onnx", ModelExporter.ToOnnx(network, "random")), features);
    }

    /// <summary>Decoder thresholds at quantiles of what this network gives for this audio, so notes start and end often.</summary>
    private static DecoderSettings ThresholdsThatCross(OnnxFrameModel model, FeatureParameters features, float[] audio, int rate)
    {
        float[] offline = CqtFeatureExtractor.Compute(audio, rate, features, out int frames);
        float[] p = model.RunFrames(offline, frames);
        model.Reset();
        double[] onset = Enumerable.Range(0, frames).Select(t => (double)p[t * Layout.Size + Layout.Onset]).Order().ToArray();
        double[] best = Enumerable.Range(0, frames).Select(t => (double)p.AsSpan(t * Layout.Size + Layout.Frame, Layout.Pitches).ToArray().Max()).Order().ToArray();
        return new DecoderSettings { OnsetThreshold = onset[frames * 9 / 10], FrameThreshold = best[frames * 7 / 10], FrameOffThreshold = best[frames / 2], FrameStartFrames = 2 };
    }

    [Fact]
    public void EveryBlockPartitionGivesTheSameEvents()
    {
        (OnnxFrameModel model, FeatureParameters features) = RandomModel();
        using (model)
        {
            float[] audio = SyntheticSinger.Render(21, seconds: 6, rate: 44100).Audio;
            var engine = new ModelNoteEngine(44100, features, model, Layout, ThresholdsThatCross(model, features, audio, 44100));
            // Up to the end of the shortest silent tail (every block size feeds at least 0.3 s; the last release depends on how much).
            long end = audio.Length + (long)(0.29 * 44100);
            NoteEvent[] reference = EngineHarness.Run(engine, audio, 128).Events.ToArray().Where(e => e.HostPosition < end).ToArray();
            Assert.True(reference.Length >= 4, $"only {reference.Length} events");
            foreach (int block in new[] { 1, 37, 512, 4096 })
            {
                engine.Reset();
                NoteEvent[] events = EngineHarness.Run(engine, audio, block).Events.ToArray().Where(e => e.HostPosition < end).ToArray();
                Assert.Equal(reference.Select(e => (e.Kind, e.HostPosition, e.SourcePosition, e.Pitch)), events.Select(e => (e.Kind, e.HostPosition, e.SourcePosition, e.Pitch)));
            }
        }
    }

    [Fact]
    public void StreamedPosteriorsEqualTheOfflineFeaturesThroughTheWholeWindowModel()
    {
        (OnnxFrameModel model, FeatureParameters features) = RandomModel();
        using (model)
        {
            const int rate = 16000; // the feature rate: no resampler in between, so frames must agree to rounding
            float[] audio = SyntheticSinger.Render(5, seconds: 3, rate: rate).Audio;
            float[] offline = CqtFeatureExtractor.Compute(audio, rate, features, out int frames);
            float[] whole = model.RunFrames(offline, frames);
            model.Reset();
            var recorder = new PosteriorRecorder(model);
            var engine = new ModelNoteEngine(rate, features, recorder, Layout, new DecoderSettings());
            engine.Process(audio.Concat(new float[8000]).ToArray(), new EventRecorder());
            Assert.True(recorder.Frames.Count >= frames);
            double worst = 0;
            for (int t = 0; t < frames; t++)
                for (int i = 0; i < Layout.Size; i++) worst = Math.Max(worst, Math.Abs(recorder.Frames[t][i] - whole[t * Layout.Size + i]));
            Assert.True(worst < 1e-3, $"largest difference {worst}");
        }
    }

    [Fact]
    public void ProcessDoesNotAllocateOnceWarm()
    {
        (OnnxFrameModel model, FeatureParameters features) = RandomModel();
        using (model)
        {
            float[] audio = SyntheticSinger.Render(8, seconds: 4, rate: 48000).Audio;
            var engine = new ModelNoteEngine(48000, features, model, Layout, ThresholdsThatCross(model, features, audio, 48000));
            var sink = new EventRecorder();
            Assert.Equal(0, EngineHarness.AllocatedAfterWarmUp(engine, audio, 128, sink));
            Assert.True(sink.Count > 0);
        }
    }

    /// <summary>Passes frames to the real model and keeps a copy of each posterior vector.</summary>
    private sealed class PosteriorRecorder(IFrameModel inner) : IFrameModel
    {
        public List<float[]> Frames { get; } = [];
        public int InputBins => inner.InputBins;
        public int OutputSize => inner.OutputSize;
        public void Step(ReadOnlySpan<float> features, Span<float> posteriors)
        {
            inner.Step(features, posteriors);
            Frames.Add(posteriors.ToArray());
        }
        public void Reset() => inner.Reset();
        public void Dispose() { }
    }
}
