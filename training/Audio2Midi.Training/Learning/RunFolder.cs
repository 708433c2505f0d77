using System.Text.Json;
using System.Text.Json.Serialization;
using Audio2Midi.Features;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// The folder a training run writes: its options (config.json), the feature function (features.json), the best
/// checkpoint by validation loss (best.pt), the latest one with its optimizer to resume from (last.pt,
/// optimizer.pt), where it stands (state.json) and one CSV row per epoch (log.csv).
/// </summary>
public sealed class RunFolder(string directory)
{
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string Directory { get; } = directory;
    public string Config => Path.Combine(Directory, "config.json");
    public string Features => Path.Combine(Directory, FeatureParametersJson.FileName);
    public string Best => Path.Combine(Directory, "best.pt");
    public string Last => Path.Combine(Directory, "last.pt");
    public string Optimizer => Path.Combine(Directory, "optimizer.pt");
    public string State => Path.Combine(Directory, "state.json");
    public string Log => Path.Combine(Directory, "log.csv");

    public bool HasState => File.Exists(State) && File.Exists(Last);

    public static TrainOptions ReadOptions(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainOptions>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty config");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a training config ({e.Message})", e);
        }
    }

    public void WriteOptions(TrainOptions options) => File.WriteAllText(Config, JsonSerializer.Serialize(options, Json));

    public TrainState ReadState()
    {
        try
        {
            return JsonSerializer.Deserialize<TrainState>(File.ReadAllText(State), Json) ?? throw new InvalidDataException($"{State}: empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{State}: not a training state ({e.Message})", e);
        }
    }

    public void WriteState(TrainState state)
    {
        string temp = State + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(state, Json));
        File.Move(temp, State, overwrite: true);
    }

    /// <summary>The run folder of a checkpoint file or folder given on the command line, checked.</summary>
    public static RunFolder Open(string path)
    {
        var run = new RunFolder(File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))! : path);
        if (!File.Exists(run.Config))
            throw new FileNotFoundException(File.Exists(run.Best)
                ? $"{run.Directory}: an `a2m train-f0` run (it has best.pt but no config.json): train-f0 exported its model itself (--output, default RUN/model.onnx), and its loss curves are RUN/loss.png; report and export read `a2m train` runs"
                : $"{run.Directory}: not a training run (config.json is missing; `a2m train --out DIR` makes one)");
        if (!File.Exists(run.Best)) throw new FileNotFoundException($"{run.Directory}: no best.pt yet (training has not finished an epoch)");
        return run;
    }
}

/// <summary>Where a run stands after its latest epoch.</summary>
public sealed record TrainState
{
    public int EpochsDone { get; init; }
    public double BestValidationLoss { get; init; } = double.PositiveInfinity;
    public int BestEpoch { get; init; }
    public int EpochsWithoutImprovement { get; init; }
    public int EpochsSinceLrCut { get; init; }
    public double LearningRate { get; init; }
    public bool Finished { get; init; }
    public string StopReason { get; init; } = "";
    public double SecondsTrained { get; init; }
}
