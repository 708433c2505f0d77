namespace Audio2Midi.Plugin;

/// <summary>Controller state (versioned, nothing of its own yet) and the processor state it mirrors.</summary>
internal sealed partial class Controller
{
    public static byte[] GetState() => PluginState.WriteController();

    public static bool SetState(ReadOnlySpan<byte> blob) => PluginState.IsValidController(blob);

    /// <summary>Takes the values from the processor's state; a rejected blob shows the defaults (as the processor then runs).</summary>
    public bool SetComponentState(ReadOnlySpan<byte> blob)
    {
        bool ok = PluginState.TryReadProcessor(blob, out double[] plain, out PluginState.PresetIdentity? preset);
        Processor.ResolvePreset(plain, preset);
        for (int i = 0; i < plain.Length; i++) _normalized[i] = Parameters.All[i].ToNormalized(plain[i]);
        return ok;
    }
}
