using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Training.F0;
using TorchSharp;

namespace Audio2Midi.Tests.Models;

/// <summary>
/// `a2m ensemble-f0`: f0 note models merged into one ONNX file whose posteriors are the mean of theirs. Networks of
/// other widths and depths, one with the taps output layer (two states), are exported, merged and run by ONNX Runtime frame by frame against each member run on
/// its own; models of another kind, other heads or another feature set are refused with the file named.
/// </summary>
[Collection("Torch")]
public sealed class F0EnsembleTests
{
    private static readonly F0Heads Heads = F0Heads.ForSteps(Audio2Midi.Placement.LatencySteps.Milliseconds);

    private static string ExportRandom(string folder, string name, int seed, int hidden, int depth, F0Heads heads, int taps = 0, F0FeatureSet features = F0FeatureSet.Pitch,
        int[]? readDelta = null)
    {
        torch.manual_seed(seed);
        using var network = new F0NoteNetwork(heads, hidden, depth, taps, features);
        string onnx = Path.Combine(folder, name + ".onnx");
        F0Exporter.Export(network, onnx, name, ["generated " + name], F0Exporter.DefaultDecoder, new Dictionary<string, double> { ["validation_loss"] = seed / 10.0 }, "test", readDelta);
        return onnx;
    }

    /// <summary>
    /// Streams 300 frames of random features through the merged model and its sources, states carried over: the largest
    /// distance of a merged output from what <paramref name="expected"/> makes of the sources' outputs (by channel), and the
    /// largest between the first two sources (so a test can tell that a wrong source would have shown).
    /// </summary>
    private static (double Worst, double Apart) Stream(ModelPreset merged, IReadOnlyList<ModelPreset> sources, int seed, Func<int, float[][], float> expected)
    {
        var rng = new Random(seed);
        var input = new float[F0FeatureFunction.Width];
        var e = new float[Heads.Size];
        float[][] y = sources.Select(_ => new float[Heads.Size]).ToArray();
        double worst = 0, apart = 0;
        for (int frame = 0; frame < 300; frame++)
        {
            for (int i = 0; i < input.Length; i++) input[i] = (float)(rng.NextDouble() * 4 - 2);
            merged.FrameModel.Step(input, e);
            for (int s = 0; s < sources.Count; s++) sources[s].FrameModel.Step(input, y[s]);
            for (int i = 0; i < e.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(e[i] - expected(i, y)));
                apart = Math.Max(apart, Math.Abs(y[0][i] - y[1][i]));
            }
        }
        return (worst, apart);
    }

    [Fact]
    public void TheEnsembleStreamsTheMeanOfItsMembers()
    {
        string folder = Directory.CreateTempSubdirectory("a2m-f0-ensemble").FullName;
        try
        {
            string a = ExportRandom(folder, "a", 1, 12, 2, Heads), b = ExportRandom(folder, "b", 2, 8, 1, Heads), c = ExportRandom(folder, "c", 3, 12, 2, Heads, taps: 3);
            string merged = Path.Combine(folder, "sub", "ensemble.onnx");
            ModelManifest manifest = F0Ensemble.Write([a, b, c], merged, "F0 ensemble");
            Assert.Equal("F0 ensemble", manifest.Name);
            Assert.Equal(Heads.DelayFrames, manifest.F0!.DelayFrames);
            Assert.Equal(3, manifest.Validation["members"]);
            Assert.Equal(0.2, manifest.Validation["member_validation_loss_mean"], 6);
            Assert.Equal(["generated a", "generated b", "generated c"], manifest.TrainedOn);
            Assert.Equal([0.5, 0.9, 0.9, 0.5, 0.5], manifest.F0OnsetThresholds!);
            Assert.Equal([6, 3, 4, 6, 6], manifest.F0FrameStartFrames!);
            Assert.Equal([0, 3, 0, 16, 0], manifest.F0PitchFromFrames!);
            Assert.Equal([-1, -1, -1, -1, 3], manifest.F0FillInFrom!);

            using ModelPreset ensemble = ModelPreset.Load(merged);
            using ModelPreset pa = ModelPreset.Load(a), pb = ModelPreset.Load(b), pc = ModelPreset.Load(c);
            Assert.True(ensemble.Model.Streams);
            (double worst, double moved) = Stream(ensemble, [pa, pb, pc], 5, (i, y) => (y[0][i] + y[1][i] + y[2][i]) / 3);
            Assert.True(worst < 1e-5, $"the ensemble is {worst} from the mean of its members (states carried over 300 frames)");
            Assert.True(moved > 1e-2, $"the members hardly differ ({moved}): the test would not see a wrong mean");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void HeadsFromTakesEachHeadWholeFromItsModelAnEnsembleToo()
    {
        string folder = Directory.CreateTempSubdirectory("a2m-f0-heads-from").FullName;
        try
        {
            string a = ExportRandom(folder, "a", 1, 12, 2, Heads), b = ExportRandom(folder, "b", 2, 8, 1, Heads), c = ExportRandom(folder, "c", 3, 12, 2, Heads, taps: 3);
            string pair = Path.Combine(folder, "pair.onnx");
            F0Ensemble.Write([b, c], pair, "pair");
            string mixed = Path.Combine(folder, "mixed.onnx");
            ModelManifest manifest = F0Ensemble.Write([a, pair], mixed, "mixed", [0, 0, 0, 1, 1]);
            Assert.Contains("heads 1,1,1,2,2 taken from models 1-2", manifest.Producer);

            using ModelPreset m = ModelPreset.Load(mixed), pa = ModelPreset.Load(a), pp = ModelPreset.Load(pair);
            (double worst, double apart) = Stream(m, [pa, pp], 9, (i, y) => i / F0Heads.PerHead < 3 ? y[0][i] : y[1][i]);
            Assert.True(worst < 1e-5, $"a head is {worst} from the model it was taken from (states carried over 300 frames)");
            Assert.True(apart > 1e-2, $"the models hardly differ ({apart}): the test would not see a head taken from the wrong one");

            string output = Path.Combine(folder, "bad.onnx");
            Assert.Contains("names 3 heads; the models have 5", Assert.Throws<ArgumentException>(() => F0Ensemble.Write([a, b], output, "x", [0, 1, 1])).Message);
            Assert.Contains("model 3 is not one of the 2 given", Assert.Throws<ArgumentException>(() => F0Ensemble.Write([a, b], output, "x", [0, 0, 0, 1, 2])).Message);
            Assert.Contains("b.onnx gives no head", Assert.Throws<ArgumentException>(() => F0Ensemble.Write([a, b], output, "x", [0, 0, 0, 0, 0])).Message);
            // The 250 ms head fills in onsets from the 120 ms head (f0_fill_in_from): split across models, the verdicts of two models would mix.
            Assert.Contains("head 5 fills in onsets from head 4", Assert.Throws<ArgumentException>(() => F0Ensemble.Write([a, b], output, "x", [0, 0, 0, 0, 1])).Message);
            Assert.False(File.Exists(output), "nothing is written for a refused mix");

            CliRun cli = CliRun.Of("ensemble-f0", a, b, "--heads-from", "1,1,x,2,2", "-o", output);
            Assert.Equal(1, cli.ExitCode);
            Assert.Contains("'x' is not a model number", cli.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ModelsOfOtherHeadsOrAnotherKindAreRefusedByName()
    {
        string folder = Directory.CreateTempSubdirectory("a2m-f0-ensemble-bad").FullName;
        try
        {
            string a = ExportRandom(folder, "a", 1, 8, 1, Heads);
            string other = ExportRandom(folder, "other-heads", 2, 8, 1, F0Heads.ForSteps([0, 60]));
            string output = Path.Combine(folder, "e.onnx");
            var heads = Assert.Throws<InvalidDataException>(() => F0Ensemble.Write([a, other], output, "x"));
            Assert.Contains("other-heads.onnx", heads.Message);
            Assert.Contains("heads", heads.Message);

            string cqt = Path.Combine(TestPaths.TestModels, "live-hust-tuned.onnx");
            var kind = Assert.Throws<InvalidDataException>(() => F0Ensemble.Write([a, cqt], output, "x"));
            Assert.Contains("live-hust-tuned.onnx", kind.Message);
            Assert.Contains("f0 note models", kind.Message);

            File.WriteAllBytes(Path.Combine(folder, "a.onnx"), [1, 2, 3]);
            var corrupt = Assert.Throws<InvalidDataException>(() => F0Ensemble.Write([a, a], output, "x"));
            Assert.Contains("a.onnx", corrupt.Message);

            string spectral = ExportRandom(folder, "spectral", 3, 8, 1, Heads, features: F0FeatureSet.PitchAndSpectrum);
            var features = Assert.Throws<InvalidDataException>(() => F0Ensemble.Write([ExportRandom(folder, "b", 4, 8, 1, Heads), spectral], output, "x"));
            Assert.Contains("spectral.onnx", features.Message);
            Assert.Contains("pitch+spectrum", features.Message);
            Assert.Equal(F0FeatureSet.PitchAndSpectrum,
                F0Ensemble.Write([spectral, ExportRandom(folder, "spectral2", 5, 8, 1, Heads, features: F0FeatureSet.PitchAndSpectrum)], Path.Combine(folder, "s.onnx"), "s").F0Features);

            // Deltas refitted for starting notes (read by the long heads) do not average with deltas that were not.
            string refitted = ExportRandom(folder, "refitted", 6, 8, 1, Heads, readDelta: [1, 1, 1, 1, 1]);
            var deltas = Assert.Throws<InvalidDataException>(() => F0Ensemble.Write([ExportRandom(folder, "c", 7, 8, 1, Heads), refitted], output, "x"));
            Assert.Contains("refitted.onnx", deltas.Message);
            Assert.Contains("f0_read_delta", deltas.Message);
            Assert.Equal([1, 1, 1, 1, 1],
                F0Ensemble.Write([refitted, ExportRandom(folder, "refitted2", 8, 8, 1, Heads, readDelta: [1, 1, 1, 1, 1])], Path.Combine(folder, "r.onnx"), "r").F0ReadDelta!);

            Assert.Throws<ArgumentException>(() => F0Ensemble.Write([other], output, "x"));
            Assert.False(File.Exists(output), "nothing is written for a refused ensemble");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
