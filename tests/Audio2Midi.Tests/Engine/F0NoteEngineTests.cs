using Audio2Midi.Engine;
using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Notes;
using Audio2Midi.Placement;
using Audio2Midi.Presets;
using Audio2Midi.Tests.Signals;
using Audio2Midi.Training.Evaluation;
using Audio2Midi.Training.F0;
using Audio2Midi.Transcription;
using TorchSharp;

namespace Audio2Midi.Tests.Engine;

/// <summary>
/// The f0 note engine with a real network trained for a few steps here, exported to ONNX and run by ONNX Runtime:
/// torch/ONNX parity, streaming equal to the training feature function, the same events for every block partition,
/// no allocation per block; and, with the shipped f0 preset, the same notes k semitones higher for a take sung k
/// semitones higher, at every Latency step.
/// </summary>
[Collection("Torch")]
public sealed class F0NoteEngineTests
{
    private static readonly F0Heads Heads = F0Heads.ForSteps(LatencySteps.Milliseconds);
    private static readonly Lazy<(byte[] Onnx, F0NoteNetwork Network, F0Recording Take)> Tiny = new(() => TrainTiny(F0FeatureSet.Pitch));
    private static readonly Lazy<(byte[] Onnx, F0NoteNetwork Network, F0Recording Take)> TinySpectral = new(() => TrainTiny(F0FeatureSet.PitchAndSpectrum));

    /// <summary>A few training steps on a generated take: enough for outputs that move with the singing.</summary>
    private static (byte[], F0NoteNetwork, F0Recording) TrainTiny(F0FeatureSet features)
    {
        SyntheticSinger.Take take = SyntheticSinger.Render(5, seconds: 12, rate: F0Heads.SampleRate);
        F0Recording r = F0Recording.Build("take", 0, take.Audio, take.Notes.Select(n => new ScoredNote(n.Onset, n.Offset, n.Midi)).ToArray(), Heads, features);
        var data = new F0Dataset { Train = [r], Validation = [r], Test = [] };
        string run = Path.Combine(Path.GetTempPath(), "a2m-f0-tiny-" + Guid.NewGuid().ToString("N"));
        try
        {
            F0NoteNetwork network = F0Trainer.Train(data, new F0TrainOptions { Hidden = 16, Depth = 1, Epochs = 1, StepsPerEpoch = 4, BatchSize = 2, CropFrames = 200, Features = features }, run);
            return (network.ToOnnx("tiny"), network, r);
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }

    /// <summary>--training-seed: the same seed on the same data gives the same weights, another seed others (the split's seed stays 1).</summary>
    [Fact]
    public void TheTrainingSeedAloneDecidesTheWeights()
    {
        F0Recording r = Tiny.Value.Take;
        var data = new F0Dataset { Train = [r], Validation = [r], Test = [] };
        float[] Train(int trainingSeed)
        {
            string run = Path.Combine(Path.GetTempPath(), "a2m-f0-seed-" + Guid.NewGuid().ToString("N"));
            try
            {
                var options = new F0TrainOptions { Hidden = 8, Depth = 1, Epochs = 1, StepsPerEpoch = 2, BatchSize = 2, CropFrames = 100, Seed = 1, TrainingSeed = trainingSeed };
                using F0NoteNetwork network = F0Trainer.Train(data, options, run);
                return network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
            }
            finally
            {
                Directory.Delete(run, recursive: true);
            }
        }
        // The same seed: the same weights up to the last bits (CPU kernels may sum in another order); another: others.
        float[] a = Train(3), b = Train(3), c = Train(4);
        double Largest(float[] x, float[] y) => x.Zip(y, (u, v) => Math.Abs(u - v)).Max();
        Assert.True(Largest(a, b) < 1e-4, $"same training seed, weights {Largest(a, b)} apart");
        Assert.True(Largest(a, c) > 1e-2, $"another training seed, weights only {Largest(a, c)} apart");
        Assert.Equal(7, new F0TrainOptions { Seed = 7 }.EffectiveTrainingSeed);
    }

    private static OnnxFrameModel TinyModel(F0FeatureSet features = F0FeatureSet.Pitch) =>
        new("tiny.onnx", (features == F0FeatureSet.Pitch ? Tiny : TinySpectral).Value.Onnx);

    /// <summary>Thresholds at quantiles of what the tiny model gives on its take, so notes start and end often.</summary>
    private static DecoderSettings Crossing(OnnxFrameModel model, int head)
    {
        F0Recording take = (model.InputBins == F0FeatureFunction.Width ? Tiny : TinySpectral).Value.Take;   // the take in the model's own features
        float[] p = model.RunFrames(take.Track.Features, take.Frames);
        model.Reset();
        double[] Sorted(int k) => Enumerable.Range(0, take.Frames).Select(t => (double)p[t * Heads.Size + head * F0Heads.PerHead + k]).Order().ToArray();
        double[] onset = Sorted(F0Heads.Onset), frame = Sorted(F0Heads.Frame);
        int n = take.Frames;
        return new DecoderSettings { OnsetThreshold = onset[n * 95 / 100], FrameThreshold = frame[n * 6 / 10], FrameOffThreshold = frame[n * 4 / 10], FrameStartFrames = 3, ReleaseFrames = 2 };
    }

    /// <summary>The longest head takes the 120 ms head's missed onsets (as the shipped preset does), at thresholds the tiny model crosses.</summary>
    private static (int, double)? FillIn(OnnxFrameModel model, int head) => head == Heads.Count - 1 ? (3, Crossing(model, 3).OnsetThreshold) : null;

    [Fact]
    public void TheOnnxExportMatchesTorchAndStreamsFrameByFrame()
    {
        (byte[] onnx, F0NoteNetwork network, F0Recording take) = Tiny.Value;
        AssertParity(onnx, network, take);
    }

    /// <summary>
    /// The output layer as a causal dilated convolution over the GRU's outputs (`--taps`): its past outputs are a second
    /// state, and the export still equals torch run whole and frame by frame, and every frame's outputs depend on no
    /// later frame (the start of a take gives the same outputs whatever follows).
    /// </summary>
    [Fact]
    public void TheTapsOutputLayerExportsStreamsAndStaysCausal()
    {
        F0Recording take = Tiny.Value.Take;
        var data = new F0Dataset { Train = [take], Validation = [take], Test = [] };
        string run = Path.Combine(Path.GetTempPath(), "a2m-f0-taps-" + Guid.NewGuid().ToString("N"));
        try
        {
            using F0NoteNetwork network = F0Trainer.Train(data, new F0TrainOptions { Hidden = 16, Depth = 1, Taps = 4, Epochs = 1, StepsPerEpoch = 3, BatchSize = 2, CropFrames = 200 }, run);
            Assert.Equal(24, network.TapFrames);
            byte[] onnx = network.ToOnnx("taps");
            AssertParity(onnx, network, take);
            using var model = new OnnxFrameModel("taps.onnx", onnx);
            Assert.True(model.Streams);
            int frames = 300, cut = 150;
            float[] features = take.Track.Features.AsSpan(0, frames * F0FeatureFunction.Width).ToArray();
            float[] whole = model.RunFrames(features, frames);
            model.Reset();
            float[] start = model.RunFrames(features.AsSpan(0, cut * F0FeatureFunction.Width).ToArray(), cut);
            for (int i = 0; i < start.Length; i++) Assert.Equal(whole[i], start[i], 5);
        }
        finally
        {
            if (Directory.Exists(run)) Directory.Delete(run, recursive: true);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new F0TrainOptions { Taps = 1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new F0TrainOptions { Taps = 17 }.Validate());
    }

    private static void AssertParity(byte[] onnx, F0NoteNetwork network, F0Recording take)
    {
        int frames = Math.Min(400, take.Frames), width = take.Track.Width;
        float[] features = take.Track.Features.AsSpan(0, frames * width).ToArray();
        float[] expected;
        using (torch.no_grad())
        using (var x = torch.tensor(features, [1, frames, width]))
        using (var raw = network.forward(x))
        using (var posteriors = F0NoteNetwork.Posteriors(raw, Heads))
            expected = posteriors.data<float>().ToArray();
        using var model = new OnnxFrameModel("tiny.onnx", onnx);
        float[] whole = model.RunFrames(features, frames);
        model.Reset();
        var step = new float[Heads.Size];
        double worst = 0;
        for (int t = 0; t < frames; t++)
        {
            model.Step(features.AsSpan(t * width, width), step);
            for (int k = 0; k < Heads.Size; k++)
            {
                worst = Math.Max(worst, Math.Abs(whole[t * Heads.Size + k] - expected[t * Heads.Size + k]));
                worst = Math.Max(worst, Math.Abs(step[k] - whole[t * Heads.Size + k]));
            }
        }
        Assert.True(worst < 1e-4, $"ONNX vs torch (whole and streamed): worst difference {worst}");
    }

    [Theory]
    [InlineData(F0FeatureSet.Pitch)]
    [InlineData(F0FeatureSet.PitchAndSpectrum)]
    public void TheEngineStreamsExactlyTheTrainingFeatures(F0FeatureSet set)
    {
        SyntheticSinger.Take take = SyntheticSinger.Render(9, seconds: 4, rate: F0Heads.SampleRate);
        F0FeatureTrack offline = F0FeatureTrack.Compute(take.Audio, set);
        Assert.Equal(set.Width(), offline.Width);
        using OnnxFrameModel model = TinyModel(set);
        var recorder = new InputRecorder(model);
        var engine = new F0NoteEngine(F0Heads.SampleRate, recorder, Heads, 0, F0Exporter.DefaultDecoder, features: set);
        EngineHarness.Run(engine, take.Audio, 77, tailSeconds: 0);
        Assert.True(recorder.Inputs.Count > offline.Frames / 2, $"{recorder.Inputs.Count} frames streamed of {offline.Frames}");
        int compared = Math.Min(recorder.Inputs.Count, offline.Frames), width = offline.Width;
        for (int t = 0; t < compared; t++)
            for (int k = 0; k < width; k++)
                Assert.Equal(offline.Features[t * width + k], recorder.Inputs[t][k]);
        if (set == F0FeatureSet.PitchAndSpectrum)   // the spectral numbers move with the singing
            Assert.True(Enumerable.Range(0, compared).Count(t => recorder.Inputs[t][F0FeatureFunction.Width] > 0.1f) > compared / 50, "flux never rose");
        // A model of the other width is refused by name.
        var wrong = Assert.Throws<ArgumentException>(() => new F0NoteEngine(F0Heads.SampleRate, model, Heads, 0, F0Exporter.DefaultDecoder,
            features: set == F0FeatureSet.Pitch ? F0FeatureSet.PitchAndSpectrum : F0FeatureSet.Pitch));
        Assert.Contains($"the model takes {set.Width()} features", wrong.Message);
    }

    /// <summary>
    /// `train-f0 --spectral`: the model reads the spectral-change numbers too; the export equals torch whole and frame by
    /// frame, a block allocates nothing with them in the loop, and the manifest carries the set (a name this build does
    /// not know is refused with the file named; a manifest without it is the f0 features alone).
    /// </summary>
    [Fact]
    public void TheSpectralFeatureSetExportsStreamsAllocatesNothingAndRoundTrips()
    {
        (byte[] onnx, F0NoteNetwork network, F0Recording take) = TinySpectral.Value;
        Assert.Equal(F0FeatureSet.PitchAndSpectrum, network.Features);
        AssertParity(onnx, network, take);
        using (OnnxFrameModel model = TinyModel(F0FeatureSet.PitchAndSpectrum))
        {
            Assert.Equal(F0FeatureFunction.Width + SpectralChange.Width, model.InputBins);
            float[] audio = SyntheticSinger.Render(8, seconds: 4, rate: 48000).Audio;
            int head = Heads.HeadFor(250);
            var engine = new PlacedNoteEngine(new F0NoteEngine(48000, model, Heads, head, Crossing(model, head), fillIn: FillIn(model, head), features: F0FeatureSet.PitchAndSpectrum),
                LatencySteps.ToSamples(250, 48000));
            var sink = new EventRecorder();
            Assert.Equal(0, EngineHarness.AllocatedAfterWarmUp(engine, audio, 128, sink));
            Assert.True(sink.Count > 0);
        }
        // A pitch-only recording cannot train a spectral model.
        var data = new F0Dataset { Train = [Tiny.Value.Take], Validation = [Tiny.Value.Take], Test = [] };
        var mixed = Assert.Throws<InvalidDataException>(() => F0Trainer.Train(data, new F0TrainOptions { Hidden = 8, Depth = 1, Epochs = 1, StepsPerEpoch = 1, Features = F0FeatureSet.PitchAndSpectrum },
            Path.Combine(Path.GetTempPath(), "a2m-f0-mixed-" + Guid.NewGuid().ToString("N"))));
        Assert.Contains("pitch+spectrum", mixed.Message);

        string folder = Directory.CreateTempSubdirectory("a2m-f0-spectral").FullName;
        try
        {
            string path = Path.Combine(folder, "s.onnx");
            F0Exporter.Export(network, path, "F0 spectral", ["generated"], F0Exporter.DefaultDecoder, new Dictionary<string, double>(), "test");
            string json = File.ReadAllText(ModelPreset.ManifestPathOf(path));
            Assert.Contains("\"f0_features\": \"pitch\\u002Bspectrum\"", json);
            using (ModelPreset preset = ModelPreset.Load(path))
            {
                Assert.Equal(F0FeatureSet.PitchAndSpectrum, preset.Manifest.F0Features);
                using PresetEngineSet set = PresetEngineSet.Load(PresetEntry.FromManifest(ModelPreset.ManifestPathOf(path), preset.Manifest, PresetSource.User), 48000, new NoteSettings());
                Assert.Equal(LatencySteps.Milliseconds.Count, set.StepCount);
            }
            File.WriteAllText(ModelPreset.ManifestPathOf(path), json.Replace("pitch\\u002Bspectrum", "pitch+timbre"));
            var unknown = Assert.Throws<InvalidDataException>(() => ModelPreset.Load(path));
            Assert.Contains("s.json", unknown.Message);
            Assert.Contains("f0_features \"pitch+timbre\" is not a feature set this build reads", unknown.Message);
            // Without the field the manifest means the f0 features alone, and the 17-input model is refused for it.
            var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            node.Remove("f0_features");
            File.WriteAllText(ModelPreset.ManifestPathOf(path), node.ToJsonString());
            var width = Assert.Throws<InvalidDataException>(() => ModelPreset.Load(path));
            Assert.Contains("takes 17 inputs", width.Message);
            Assert.Contains("implies 14", width.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    [InlineData(250)]
    public void EveryBlockPartitionGivesTheSameEvents(int latencyMs)
    {
        using OnnxFrameModel model = TinyModel();
        int head = Heads.HeadFor(latencyMs);
        DecoderSettings decoder = Crossing(model, head);
        float[] audio = SyntheticSinger.Render(21, seconds: 6, rate: 44100).Audio;
        // The long head with its fill-in and its naming windows cut at the fill-in head's onsets, as shipped.
        var engine = new PlacedNoteEngine(new F0NoteEngine(44100, model, Heads, head, decoder, fillIn: FillIn(model, head), cutAtFillInOnset: FillIn(model, head) is not null),
            LatencySteps.ToSamples(latencyMs, 44100));
        long end = audio.Length + (long)(0.29 * 44100);
        NoteEvent[] reference = EngineHarness.Run(engine, audio, 128).Events.ToArray().Where(e => e.HostPosition < end).ToArray();
        Assert.True(reference.Length >= 4, $"only {reference.Length} events");
        var random = new Random(3);
        foreach (int block in new[] { 1, 17, 4096, -1 })
        {
            engine.Reset();
            var recorder = new EventRecorder();
            for (int i = 0; i < audio.Length;)
            {
                int n = Math.Min(block > 0 ? block : random.Next(1, 3000), audio.Length - i);
                engine.Process(audio.AsSpan(i, n), recorder);
                i += n;
            }
            var silence = new float[Math.Max(1, block)];
            for (int i = 0; i < (int)(0.3 * 44100); i += silence.Length) engine.Process(silence, recorder);
            engine.Release(recorder);
            Assert.Equal(reference.Select(Key), recorder.Events.ToArray().Where(e => e.HostPosition < end).Select(Key));
        }
    }

    [Fact]
    public void ABlockAllocatesNothingWithOnnxRuntimeInTheLoop()
    {
        using OnnxFrameModel model = TinyModel();
        float[] audio = SyntheticSinger.Render(8, seconds: 4, rate: 48000).Audio;
        foreach (int latencyMs in new[] { 0, 250 })
        {
            model.Reset();
            int head = Heads.HeadFor(latencyMs);
            var engine = new PlacedNoteEngine(new F0NoteEngine(48000, model, Heads, head, Crossing(model, head), fillIn: FillIn(model, head), cutAtFillInOnset: FillIn(model, head) is not null),
                LatencySteps.ToSamples(latencyMs, 48000));
            var sink = new EventRecorder();
            Assert.Equal(0, EngineHarness.AllocatedAfterWarmUp(engine, audio, 128, sink));
            Assert.True(sink.Count > 0);
        }
    }

    /// <summary>
    /// The shipped f0 preset on a phrase with scoops and vibrato, rendered k semitones higher (fractional k too): at every
    /// Latency step and offline, the notes are the same, moved by k rounded (for a fractional k with "Follow singer's
    /// tuning" on: the singer's tuning absorbs the fraction once it has been heard).
    /// </summary>
    [Theory]
    [InlineData(-7.0)]
    [InlineData(-2.6)]
    [InlineData(3.0)]
    [InlineData(6.4)]
    public void ATakeSungHigherGivesTheSameNotesHigher(double k)
    {
        string? preset = ShippedF0Preset();
        Assert.NotNull(preset);
        double[] melody = [62, 64, 65, 67, 69, 67, 65, 64, 62, 60, 62, 64];
        SungNote[] notes = TestSignals.Phrase(0.4, 0.45, melody).ToArray();
        var voice = new VoiceOptions { VibratoHz = 5.5, VibratoSemitones = 0.3, VibratoDelaySeconds = 0.2, ScoopSemitones = -0.8, ScoopSeconds = 0.06, NoiseRms = 0.002 };
        float[] Render(double shift) => TestSignals.Sing(notes.Select(n => n with { Midi = n.Midi + shift }).ToArray(), 6.5, 48000, voice);
        float[] original = Render(0), shifted = Render(k);
        int expectedShift = (int)Math.Round(k, MidpointRounding.AwayFromZero);
        foreach (int latencyMs in new[] { 0, 30, 60, 120, 250, -1 })
        {
            // Rounded to A440 (the default) an integer shift moves every note by k; a fractional one moves the singer off A440,
            // and following their tuning is what names the same notes.
            var options = new TranscriptionOptions { Live = latencyMs >= 0, LatencyMs = Math.Max(0, latencyMs), ModelPath = preset, Notes = new NoteSettings { AutoTuning = k != Math.Round(k) } };
            // A fractional shift moves the singer off A440: until their tuning has been heard (the first note), a note sung
            // 0.4 st off may round either way, so that stretch is left out; an integer shift is compared from the start.
            double from = k == Math.Round(k) ? 0 : 1.0;
            var a = FileTranscriber.Transcribe(original, 48000, options).Notes.Where(n => n.OnsetSeconds >= from).ToList();
            var b = FileTranscriber.Transcribe(shifted, 48000, options).Notes.Where(n => n.OnsetSeconds >= from).ToList();
            Assert.True(a.Count >= melody.Length - 2 - (from > 0 ? 2 : 0), $"{latencyMs} ms: {a.Count} notes for {melody.Length} sung");
            int same = a.Count(n => b.Any(m => m.Pitch == n.Pitch + expectedShift && Math.Abs(m.OnsetSeconds - n.OnsetSeconds) <= 0.03));
            Assert.True(same >= 0.9 * Math.Max(a.Count, b.Count), $"{latencyMs} ms, k = {k}: {same} of {a.Count}/{b.Count} notes moved by {expectedShift} at the same onset: "
                + string.Join(" ", a.Select(n => $"{n.OnsetSeconds:0.000}:{n.Pitch}")) + " | " + string.Join(" ", b.Select(n => $"{n.OnsetSeconds:0.000}:{n.Pitch - expectedShift}")));
        }
    }

    [Fact]
    public void AnF0ManifestRoundTripsAndAManifestWithoutHeadsIsRefused()
    {
        string folder = Directory.CreateTempSubdirectory("a2m-f0-manifest").FullName;
        try
        {
            string onnx = Path.Combine(folder, "m.onnx");
            ModelManifest written = F0Exporter.Export(Tiny.Value.Network, onnx, "F0 tiny", ["generated"], F0Exporter.DefaultDecoder, new Dictionary<string, double>(), "test");
            using (ModelPreset preset = ModelPreset.Load(onnx))
            {
                Assert.True(preset.Manifest.IsF0);
                Assert.Equal(written.F0!.DelayFrames, preset.Manifest.F0!.DelayFrames);
                Assert.Equal([0.5, 0.9, 0.9, 0.5, 0.5], preset.Manifest.F0OnsetThresholds!);
                Assert.Equal([6, 3, 4, 6, 6], preset.Manifest.F0FrameStartFrames!);
                Assert.Equal(3, preset.Manifest.F0DecoderFor(1).FrameStartFrames);
                Assert.Equal([0, 3, 0, 16, 0], preset.Manifest.F0PitchFromFrames!);
                Assert.Equal(16, preset.Manifest.F0PitchFromFramesFor(3));
                Assert.Equal([6, 8, 8, 12, 16], preset.Manifest.F0MoveFrames!);
                Assert.Equal(8, preset.Manifest.F0MoveFramesFor(1));
                Assert.Null((written with { F0MoveFrames = null }).F0MoveFramesFor(1));   // an older manifest: the decoder's default
                Assert.Equal([1, 1, 1, 0, 0], preset.Manifest.F0ReadDelta!);   // train-f0 writes the decoder's default: heads under 100 ms
                Assert.True(preset.Manifest.F0ReadsDeltaFor(1));
                Assert.False(preset.Manifest.F0ReadsDeltaFor(4));
                Assert.Null((written with { F0ReadDelta = null }).F0ReadsDeltaFor(4));   // an older manifest: the decoder's default
                Assert.Equal([-1, -1, -1, -1, 3], preset.Manifest.F0FillInFrom!);   // the 250 ms head takes the 120 ms head's missed onsets
                Assert.Equal(3, preset.Manifest.F0FillInFromFor(4));
                Assert.Null(preset.Manifest.F0FillInFromFor(3));
                Assert.Null((written with { F0FillInFrom = null }).F0FillInFromFor(4));   // an older manifest: none
                Assert.Equal([0, 0, 0, 0, 1], preset.Manifest.F0CutAtFillIn!);   // the head with a fill-in cuts its naming windows at its onsets
                Assert.True(preset.Manifest.F0CutsAtFillInFor(4));
                Assert.False(preset.Manifest.F0CutsAtFillInFor(3));
                Assert.False((written with { F0CutAtFillIn = null }).F0CutsAtFillInFor(4));   // an older manifest: no cut
                Assert.Equal([0, 0, 0, 0, 40], preset.Manifest.F0MoveNameFrames!);   // the 250 ms head names a move by its first 200 ms
                Assert.Equal(40, preset.Manifest.F0MoveNameFramesFor(4));
                Assert.Null((written with { F0MoveNameFrames = null }).F0MoveNameFramesFor(4));   // an older manifest: the decoder's default
                Assert.Equal([0, 0, 0, 0, 30], preset.Manifest.F0MoveSlowFrames!);   // the 250 ms head makes a move the f0 crept to wait 150 ms, live
                Assert.Equal(30, preset.Manifest.F0MoveSlowFramesFor(4));
                Assert.Null((written with { F0MoveSlowFrames = null }).F0MoveSlowFramesFor(4));   // an older manifest: the decoder's default
                Assert.Equal(0.9, preset.Manifest.F0DecoderFor(1).OnsetThreshold);
                Assert.Equal(F0Exporter.DefaultDecoder.FrameThreshold, preset.Manifest.F0DecoderFor(1).FrameThreshold);
                Assert.Equal(0, preset.Manifest.LatencyMs);
                using PresetEngineSet set = PresetEngineSet.Load(PresetEntry.FromManifest(ModelPreset.ManifestPathOf(onnx), preset.Manifest, PresetSource.User), 48000, new NoteSettings());
                Assert.Equal(LatencySteps.Milliseconds.Count, set.StepCount);
                Assert.Equal(LatencySteps.ToSamples(60, 48000), set.At(LatencySteps.IndexOf(60)).LatencySamples);
            }
            string json = File.ReadAllText(ModelPreset.ManifestPathOf(onnx));
            File.WriteAllText(ModelPreset.ManifestPathOf(onnx), json.Replace("\"f0_onset_thresholds\": [", "\"f0_onset_thresholds\": [0.5, "));
            var count = Assert.Throws<InvalidDataException>(() => ModelPreset.Load(onnx));
            Assert.Contains("one value in (0, 1) per head", count.Message);
            File.WriteAllText(ModelPreset.ManifestPathOf(onnx), json.Replace("\"f0_frame_start_frames\": [", "\"f0_frame_start_frames\": [0, "));
            var starts = Assert.Throws<InvalidDataException>(() => ModelPreset.Load(onnx));
            Assert.Contains("m.json", starts.Message);
            Assert.Contains("f0_frame_start_frames needs one value of 1..200 frames per head", starts.Message);
            File.WriteAllText(ModelPreset.ManifestPathOf(onnx), json.Replace("\"f0_pitch_from_frames\": [", "\"f0_pitch_from_frames\": [-1, "));
            var from = Assert.Throws<InvalidDataException>(() => ModelPreset.Load(onnx));
            Assert.Contains("m.json", from.Message);
            Assert.Contains("f0_pitch_from_frames needs one value of 0..400 frames per head", from.Message);
            File.WriteAllText(ModelPreset.ManifestPathOf(onnx), json.Replace("\"f0_move_frames\": [", "\"f0_move_frames\": [0, "));
            var move = Assert.Throws<InvalidDataException>(() => ModelPreset.Load(onnx));
            Assert.Contains("m.json", move.Message);
            Assert.Contains("f0_move_frames needs one value of 1..100 frames per head", move.Message);
            // Per-head lists with a wrong value or count: refused with the manifest named and the rule said.
            foreach ((string field, string bad, string rule) in new[]
            {
                ("f0_read_delta", "[1, 1, 1, 0, 2]", "f0_read_delta needs one value per head (5)"),
                ("f0_read_delta", "[1, 1, 1, 0]", "f0_read_delta needs one value per head (5)"),
                ("f0_fill_in_from", "[-1, -1, -1, -1, 4]", "f0_fill_in_from needs one value per head (5): -1, or the index of a shorter head"),
                ("f0_fill_in_from", "[-1, -1, -1, 3, 3]", "f0_fill_in_from needs one value per head (5): -1, or the index of a shorter head"),
                ("f0_fill_in_from", "[-1, -1, -1, -1, -2]", "f0_fill_in_from needs one value per head (5): -1, or the index of a shorter head"),
                ("f0_fill_in_from", "[-1, -1, -1, 3]", "f0_fill_in_from needs one value per head (5): -1, or the index of a shorter head"),
                ("f0_move_name_frames", "[0, 0, 0, 0, -1]", "f0_move_name_frames needs one value of 0..400 frames per head (5"),
                ("f0_move_name_frames", "[0, 0, 0, 30]", "f0_move_name_frames needs one value of 0..400 frames per head (5"),
                ("f0_move_slow_frames", "[0, 0, 0, 0, 101]", "f0_move_slow_frames needs one value of 0..100 frames per head (5"),
                ("f0_move_slow_frames", "[0, 0, 0, 24]", "f0_move_slow_frames needs one value of 0..100 frames per head (5"),
                ("f0_cut_at_fill_in", "[0, 0, 0, 1, 1]", "f0_cut_at_fill_in needs one value per head (5): 1 only for a head with an onset fill-in"),
                ("f0_cut_at_fill_in", "[0, 0, 0, 0, 2]", "f0_cut_at_fill_in needs one value per head (5): 1 only for a head with an onset fill-in"),
                ("f0_cut_at_fill_in", "[0, 0, 0, 1]", "f0_cut_at_fill_in needs one value per head (5): 1 only for a head with an onset fill-in"),
            })
            {
                var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
                node[field] = System.Text.Json.Nodes.JsonNode.Parse(bad);
                File.WriteAllText(ModelPreset.ManifestPathOf(onnx), node.ToJsonString());
                var refused = Assert.Throws<InvalidDataException>(() => ModelPreset.Load(onnx));
                Assert.Contains("m.json", refused.Message);
                Assert.Contains(rule, refused.Message);
            }
            // A manifest that names moves by their first frames reads back so.
            var named = System.Text.Json.Nodes.JsonNode.Parse(json)!;
            named["f0_move_name_frames"] = System.Text.Json.Nodes.JsonNode.Parse("[0, 0, 0, 0, 30]");
            File.WriteAllText(ModelPreset.ManifestPathOf(onnx), named.ToJsonString());
            using (ModelPreset preset = ModelPreset.Load(onnx))
            {
                Assert.Equal([0, 0, 0, 0, 30], preset.Manifest.F0MoveNameFrames!);
                Assert.Equal(30, preset.Manifest.F0MoveNameFramesFor(4));
                Assert.Contains("\"f0_move_name_frames\"", ModelManifestJson.ToJson(preset.Manifest));
            }
            // ... and one that makes crept moves wait longer, too; without the key each head takes the decoder's default.
            var slow = System.Text.Json.Nodes.JsonNode.Parse(json)!;
            slow["f0_move_slow_frames"] = System.Text.Json.Nodes.JsonNode.Parse("[0, 0, 0, 0, 24]");
            File.WriteAllText(ModelPreset.ManifestPathOf(onnx), slow.ToJsonString());
            using (ModelPreset preset = ModelPreset.Load(onnx))
            {
                Assert.Equal(24, preset.Manifest.F0MoveSlowFramesFor(4));
                Assert.Null((preset.Manifest with { F0MoveSlowFrames = null }).F0MoveSlowFramesFor(4));
                Assert.Contains("\"f0_move_slow_frames\"", ModelManifestJson.ToJson(preset.Manifest));
            }
            int at = json.IndexOf("\"f0_head_delay_frames\"", StringComparison.Ordinal);
            File.WriteAllText(ModelPreset.ManifestPathOf(onnx), json[..at].TrimEnd().TrimEnd(',') + "\n}");
            var error = Assert.Throws<InvalidDataException>(() => ModelPreset.Load(onnx));
            Assert.Contains("m.json", error.Message);
            Assert.Contains("heads", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A head that has heard 200 ms or more takes missed onsets from the longest head that has heard 100-200 ms; no other head takes any.</summary>
    [Fact]
    public void LongHeadsTakeMissedOnsetsFromTheLongestHeadUnder200Ms()
    {
        Assert.Equal([-1, -1, -1, -1, 3], F0Exporter.DefaultFillInFrom(Heads));
        Assert.Equal([-1, -1, 1], F0Exporter.DefaultFillInFrom(new F0Heads([0, 21, 47])));
        Assert.Equal([-1, -1, -1, -1, 3, 3], F0Exporter.DefaultFillInFrom(new F0Heads([0, 3, 21, 30, 47, 60])));
        Assert.Equal([-1, -1], F0Exporter.DefaultFillInFrom(new F0Heads([0, 47])));   // no head in between: none
    }

    [Fact]
    public void EachStepGetsTheHeadItsBudgetPaysFor()
    {
        Assert.Equal([0, 3, 9, 21, 47], Heads.DelayFrames);
        Assert.Equal(0, Heads.HeadFor(0));
        Assert.Equal(2, Heads.HeadFor(60));
        Assert.Equal(Heads.Count - 1, Heads.HeadFor(-1));
        // Decided within the budget: the frame's centre, its look-ahead and the front's allowance fit in the step.
        foreach (int ms in LatencySteps.Milliseconds.Skip(1))
            Assert.True(F0Heads.CentreOffsetSamples + F0Heads.FramesFor(ms) * F0Heads.HopSamples <= ms * 16 - 96, $"{ms} ms");
    }

    internal static string? ShippedF0Preset() =>
        Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "training", "presets"), "*.json")
            .FirstOrDefault(f => ModelManifestJson.Read(f).IsF0) is string json ? Path.ChangeExtension(json, ".onnx") : null;

    private static (Audio2Midi.Notes.NoteEventKind, long, long, int) Key(NoteEvent e) => (e.Kind, e.HostPosition, e.SourcePosition, e.Pitch);

    /// <summary>Passes frames to the real model and keeps a copy of each input.</summary>
    private sealed class InputRecorder(IFrameModel inner) : IFrameModel
    {
        public List<float[]> Inputs { get; } = [];
        public int InputBins => inner.InputBins;
        public int OutputSize => inner.OutputSize;

        public void Step(ReadOnlySpan<float> features, Span<float> posteriors)
        {
            Inputs.Add(features.ToArray());
            inner.Step(features, posteriors);
        }

        public void Reset() => inner.Reset();

        public void Dispose() { }
    }
}
