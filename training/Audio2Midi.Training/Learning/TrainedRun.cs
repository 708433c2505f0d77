using Audio2Midi.Features;
using Audio2Midi.Models;
using Audio2Midi.Training.Models;

namespace Audio2Midi.Training.Learning;

/// <summary>A finished (or running) training run loaded back: its options, feature function and best network, in eval mode.</summary>
public sealed class TrainedRun : IDisposable
{
    private TrainedRun(RunFolder folder, TrainOptions options, FeatureParameters features, PosteriorLayout layout, IFrameNetwork network)
    {
        Folder = folder;
        Options = options;
        Features = features;
        Layout = layout;
        Network = network;
    }

    public RunFolder Folder { get; }
    public TrainOptions Options { get; }
    public FeatureParameters Features { get; }
    public PosteriorLayout Layout { get; }
    public IFrameNetwork Network { get; }

    public static TrainedRun Load(string path)
    {
        RunFolder folder = RunFolder.Open(path);
        TrainOptions options = RunFolder.ReadOptions(folder.Config);
        FeatureParameters features = FeatureParametersJson.Read(folder.Features);
        var layout = new PosteriorLayout(options.MinPitch, options.Pitches);
        IFrameNetwork network = NetworkFactory.Create(options.Model, features.Cqt.BinCount, layout, options.CropFrames);
        try
        {
            network.Module.load(folder.Best);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            network.Dispose();
            throw new InvalidDataException($"{folder.Best}: cannot load it into a {ModelKinds.Name(options.Model.Kind)} network of this config ({e.Message})", e);
        }
        network.Module.eval();
        return new TrainedRun(folder, options, features, layout, network);
    }

    public void Dispose() => Network.Dispose();
}
