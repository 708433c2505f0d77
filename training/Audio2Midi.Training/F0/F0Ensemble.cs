using System.Security.Cryptography;
using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Notes;
using Audio2Midi.Training.Onnx;
using Audio2Midi.Training.Onnx.Proto;
using Google.Protobuf;

namespace Audio2Midi.Training.F0;

/// <summary>
/// Several exported f0 note models of the same heads as one model whose posteriors are the mean of theirs: runs of one
/// recipe differ by up to 0.03 COnP F1 per step (training seed alone), and their mean is steadier than any one. The
/// merge works on the ONNX files, not the training runs, so any f0 models with the same heads combine (a user's own
/// too): each member's graph is copied under its own name prefix, its states renumbered after the previous member's,
/// all read the one features input, and a Mean node gives the posteriors. One ONNX session streams it as before.
/// With <c>headsFrom</c> each head instead takes one member's outputs whole (a member may itself be an ensemble):
/// recipes that favour different Latency steps combine without averaging a head that one of them does worse.
/// </summary>
public static class F0Ensemble
{
    /// <summary>Which heads read their pitch delta: the manifest's, or (an older export) the decoder's default by look-ahead.</summary>
    private static int[] ReadsDelta(ModelManifest m) =>
        m.F0ReadDelta?.ToArray() ?? F0Exporter.DefaultReadDelta(m.F0!);

    /// <summary>Merges the members (MODEL.onnx with its manifest) into <paramref name="onnxPath"/> and its manifest.</summary>
    /// <param name="headsFrom">Null: every head the mean of the members. Else per head (Instant first) the index of the member whose outputs it takes.</param>
    public static ModelManifest Write(IReadOnlyList<string> members, string onnxPath, string name, IReadOnlyList<int>? headsFrom = null)
    {
        if (members.Count < 2) throw new ArgumentException("an ensemble needs at least two models");
        if (!onnxPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException($"{onnxPath}: the model file must end in .onnx");
        var manifests = new List<ModelManifest>();
        var models = new List<ModelProto>();
        foreach (string member in members)
        {
            using (ModelPreset preset = ModelPreset.Load(member)) // checks manifest, hash and ONNX Runtime's view of the file
            {
                if (!preset.Manifest.IsF0) throw new InvalidDataException($"{member}: a {preset.Manifest.Kind} model; an ensemble is of f0 note models");
                ModelManifest first = manifests.Count > 0 ? manifests[0] : preset.Manifest;
                if (!first.F0!.DelayFrames.SequenceEqual(preset.Manifest.F0!.DelayFrames))
                    throw new InvalidDataException($"{member}: heads of {string.Join(",", preset.Manifest.F0.DelayFrames)} frames; {members[0]} has {string.Join(",", first.F0.DelayFrames)}");
                if (first.F0Features != preset.Manifest.F0Features)
                    throw new InvalidDataException($"{member}: reads the features {preset.Manifest.F0Features.Name()}; {members[0]} reads {first.F0Features.Name()} (members share one input)");
                if (!ReadsDelta(first).SequenceEqual(ReadsDelta(preset.Manifest)))
                    throw new InvalidDataException($"{member}: reads its heads' pitch deltas as {string.Join(",", ReadsDelta(preset.Manifest))} (f0_read_delta); {members[0]} as {string.Join(",", ReadsDelta(first))} (a mean of deltas trained for different uses names nothing)");
                manifests.Add(preset.Manifest);
                models.Add(ModelProto.Parser.ParseFrom(File.ReadAllBytes(preset.Model.Path))); // the ONNX file the preset named and checked
            }
        }

        F0Heads heads = manifests[0].F0!;
        int[] fillIn = manifests[0].F0FillInFrom?.ToArray() ?? F0Exporter.DefaultFillInFrom(heads);   // the first member's (or today's default)
        if (headsFrom is not null)
        {
            if (headsFrom.Count != heads.Count)
                throw new ArgumentException($"--heads-from names {headsFrom.Count} heads; the models have {heads.Count} ({string.Join(", ", heads.DelayFrames)} frames of look-ahead)");
            if (headsFrom.FirstOrDefault(m => m < 0 || m >= members.Count, -1) is int bad and >= 0)
                throw new ArgumentException($"--heads-from: model {bad + 1} is not one of the {members.Count} given");
            if (Enumerable.Range(0, members.Count).FirstOrDefault(m => !headsFrom.Contains(m), -1) is int unused and >= 0)
                throw new ArgumentException($"--heads-from: {members[unused]} gives no head; leave it out");
            // A head's fill-in reads another head: both must come from one member, or the verdicts of two models mix.
            for (int h = 0; h < heads.Count; h++)
                if (fillIn[h] >= 0 && headsFrom[fillIn[h]] != headsFrom[h])
                    throw new ArgumentException($"--heads-from: head {h + 1} fills in onsets from head {fillIn[h] + 1} (f0_fill_in_from); take both from one model");
        }

        byte[] bytes = Merge(models, name, headsFrom is null ? null : ChannelWeights(heads, headsFrom, members.Count)).ToByteArray();
        string? folder = Path.GetDirectoryName(Path.GetFullPath(onnxPath));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllBytes(onnxPath, bytes);
        var losses = manifests.Select(m => m.Validation.TryGetValue("validation_loss", out double v) ? v : double.NaN).ToArray();
        ModelManifest manifest = manifests[0] with
        {
            Name = name,
            OnnxFile = Path.GetFileName(onnxPath),
            OnnxSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            // The first member's per-head thresholds (an older export without them gets the ones train-f0 writes today):
            // on the development sets a mean of three runs chose the same grid points as one run.
            F0OnsetThresholds = manifests[0].F0OnsetThresholds ?? manifests[0].F0!.DelayFrames.Select(F0Exporter.DefaultOnsetThreshold).ToArray(),
            F0FrameStartFrames = manifests[0].F0FrameStartFrames ?? manifests[0].F0!.DelayFrames.Select(F0Exporter.DefaultFrameStartFrames).ToArray(),
            F0PitchFromFrames = manifests[0].F0PitchFromFrames ?? manifests[0].F0!.DelayFrames.Select(F0Exporter.DefaultPitchFromFrames).ToArray(),
            F0MoveFrames = manifests[0].F0MoveFrames ?? manifests[0].F0!.DelayFrames.Select(F0NoteDecoder.DefaultMoveFrames).ToArray(),
            F0MoveNameFrames = manifests[0].F0MoveNameFrames ?? manifests[0].F0!.DelayFrames.Select(F0NoteDecoder.DefaultMoveNameFrames).ToArray(),
            F0MoveSlowFrames = manifests[0].F0MoveSlowFrames ?? manifests[0].F0!.DelayFrames.Select(F0NoteDecoder.DefaultMoveSlowFrames).ToArray(),
            F0ReadDelta = ReadsDelta(manifests[0]),
            F0FillInFrom = fillIn,
            F0CutAtFillIn = manifests[0].F0CutAtFillIn ?? F0Exporter.DefaultCutAtFillIn(fillIn),
            TrainedOn = manifests.SelectMany(m => m.TrainedOn).Distinct().ToArray(),
            Validation = losses.All(double.IsFinite)
                ? new Dictionary<string, double> { ["members"] = members.Count, ["member_validation_loss_mean"] = Math.Round(losses.Average(), 5) }
                : new Dictionary<string, double> { ["members"] = members.Count },
            Producer = (headsFrom is null ? $"a2m ensemble-f0, the mean of {members.Count} models: "
                : $"a2m ensemble-f0, heads {string.Join(",", headsFrom.Select(m => m + 1))} taken from models 1-{members.Count}: ")
                + string.Join("; ", manifests.Select((m, i) => $"{i + 1}. {m.Name} ({m.Producer})")),
        };
        manifest.Validate(onnxPath);
        ModelManifestJson.Write(ModelPreset.ManifestPathOf(onnxPath), manifest);
        return manifest;
    }

    /// <summary>Per member, 1 on the output channels of the heads it gives and 0 elsewhere.</summary>
    private static float[][] ChannelWeights(F0Heads heads, IReadOnlyList<int> headsFrom, int members) =>
        Enumerable.Range(0, members).Select(m => Enumerable.Range(0, heads.Size).Select(c => headsFrom[c / F0Heads.PerHead] == m ? 1f : 0f).ToArray()).ToArray();

    /// <summary>One graph from the members' graphs: names prefixed, states renumbered, posteriors averaged (or, with weights, each member's weighted by channel and summed).</summary>
    internal static ModelProto Merge(IReadOnlyList<ModelProto> members, string name, float[][]? channelWeights = null)
    {
        var graph = new GraphProto { Name = name };
        graph.Input.Add(members[0].Graph.Input.Single(v => v.Name == ModelTensorNames.Features));
        var posteriors = new List<string>();
        var stateOutputs = new List<ValueInfoProto>();
        int states = 0;
        for (int m = 0; m < members.Count; m++)
        {
            GraphProto g = members[m].Graph;
            if (members[m].OpsetImport.Any(o => o.Domain.Length == 0 && o.Version != OnnxGraph.Opset))
                throw new InvalidDataException($"member {m + 1}: written for opset {members[m].OpsetImport.First(o => o.Domain.Length == 0).Version}; an ensemble is written for {OnnxGraph.Opset}");
            var rename = new Dictionary<string, string> { [ModelTensorNames.Features] = ModelTensorNames.Features };
            int count = 0;
            while (g.Input.Any(v => v.Name == ModelTensorNames.State(count))) count++;
            if (g.Input.Count != count + 1) throw new InvalidDataException($"member {m + 1}: unexpected inputs ({string.Join(", ", g.Input.Select(v => v.Name))})");
            for (int s = 0; s < count; s++)
            {
                rename[ModelTensorNames.State(s)] = ModelTensorNames.State(states + s);
                rename[ModelTensorNames.StateOutput(s)] = ModelTensorNames.StateOutput(states + s);
                graph.Input.Add(Renamed(g.Input.Single(v => v.Name == ModelTensorNames.State(s)), rename[ModelTensorNames.State(s)]));
                stateOutputs.Add(Renamed(g.Output.Single(v => v.Name == ModelTensorNames.StateOutput(s)), rename[ModelTensorNames.StateOutput(s)]));
            }
            states += count;
            string Name(string n) => n.Length == 0 ? n : rename.TryGetValue(n, out string? r) ? r : rename[n] = $"m{m}/{n}";
            foreach (TensorProto t in g.Initializer)
            {
                TensorProto copy = t.Clone();
                copy.Name = Name(t.Name);
                graph.Initializer.Add(copy);
            }
            foreach (NodeProto node in g.Node)
            {
                NodeProto copy = node.Clone();
                copy.Name = $"m{m}/{node.Name}";
                copy.Input.Clear();
                copy.Input.AddRange(node.Input.Select(Name));
                copy.Output.Clear();
                copy.Output.AddRange(node.Output.Select(Name));
                graph.Node.Add(copy);
            }
            posteriors.Add(Name(ModelTensorNames.Posteriors));
        }
        if (channelWeights is null)
            graph.Node.Add(new NodeProto { OpType = "Mean", Name = "ensemble_mean", Input = { posteriors }, Output = { ModelTensorNames.Posteriors } });
        else
        {
            var weighted = new List<string>();
            for (int m = 0; m < members.Count; m++)
            {
                var weights = new TensorProto { Name = $"heads_from/{m}", DataType = (int)TensorProto.Types.DataType.Float, Dims = { channelWeights[m].Length } };
                weights.FloatData.AddRange(channelWeights[m]);
                graph.Initializer.Add(weights);
                weighted.Add($"heads_from/{m}/out");
                graph.Node.Add(new NodeProto { OpType = "Mul", Name = $"heads_from/{m}/mul", Input = { posteriors[m], weights.Name }, Output = { weighted[m] } });
            }
            graph.Node.Add(new NodeProto { OpType = "Sum", Name = "heads_from", Input = { weighted }, Output = { ModelTensorNames.Posteriors } });
        }
        graph.Output.Add(members[0].Graph.Output.Single(v => v.Name == ModelTensorNames.Posteriors));
        graph.Output.AddRange(stateOutputs);

        var model = new ModelProto { IrVersion = OnnxGraph.IrVersion, ProducerName = "audio2midi a2m ensemble-f0", ProducerVersion = members[0].ProducerVersion, Graph = graph, ModelVersion = 1 };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxGraph.Opset });
        model.MetadataProps.AddRange(members[0].MetadataProps.Select(p => p.Clone()));
        return model;
    }

    private static ValueInfoProto Renamed(ValueInfoProto value, string name)
    {
        ValueInfoProto copy = value.Clone();
        copy.Name = name;
        return copy;
    }
}
