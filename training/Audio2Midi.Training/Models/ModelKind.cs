namespace Audio2Midi.Training.Models;

/// <summary>The model architectures `a2m train` builds.</summary>
public enum ModelKind
{
    /// <summary>Causal convolutions over CQT frames and a unidirectional GRU: runs live, O(1) work per frame.</summary>
    Live,

    /// <summary>Convolutions and a bidirectional LSTM over the whole window (the seed's CRNN): windowed, never live.</summary>
    Crnn,

    /// <summary>A transformer encoder over the window (the seed's "AudioTransNet"): windowed.</summary>
    Transformer,

    /// <summary>A 1-D U-Net over time (the seed's third): windowed.</summary>
    Unet,
}

public static class ModelKinds
{
    public static string Name(ModelKind kind) => kind.ToString().ToLowerInvariant();

    public static ModelKind Parse(string text) => Enum.TryParse(text, ignoreCase: true, out ModelKind kind) && Enum.IsDefined(kind)
        ? kind
        : throw new ArgumentException($"unknown model kind '{text}' (known: {string.Join(", ", Enum.GetValues<ModelKind>().Select(Name))})");

    /// <summary>Whether a kind sees only past frames (plus its declared look-ahead) and can stream.</summary>
    public static bool IsLive(ModelKind kind) => kind == ModelKind.Live;
}
