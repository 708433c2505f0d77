using Audio2Midi.Models;

namespace Audio2Midi.Training.Models;

/// <summary>Builds the network a config names.</summary>
public static class NetworkFactory
{
    public static IFrameNetwork Create(ModelConfig config, int bins, PosteriorLayout layout, int windowFrames) => config.Kind switch
    {
        ModelKind.Live => new LiveModel(config, bins, layout),
        ModelKind.Crnn => new CrnnModel(config, bins, layout, windowFrames),
        ModelKind.Transformer => new TransformerModel(config, bins, layout, windowFrames),
        ModelKind.Unet => new UnetModel(config, bins, layout, windowFrames),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Kind, "unknown model kind"),
    };
}
