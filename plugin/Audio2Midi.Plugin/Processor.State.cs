namespace Audio2Midi.Plugin;

/// <summary>
/// Processor state: the plain parameter values (<see cref="PluginState"/>). A state set while the audio
/// thread runs is handed over and applied at the start of the next block; a rejected blob leaves the
/// plugin on defaults.
/// </summary>
internal sealed partial class Processor
{
    private double[]? _pendingState;

    public byte[] GetState() => PluginState.WriteProcessor(Volatile.Read(ref _pendingState) ?? _plain);

    /// <summary>False if <paramref name="blob"/> is not a valid state: the plugin then runs on defaults.</summary>
    public bool SetState(ReadOnlySpan<byte> blob)
    {
        bool ok = PluginState.TryReadProcessor(blob, out double[] values);
        if (IsProcessing) Volatile.Write(ref _pendingState, values);
        else ApplyAll(values);
        return ok;
    }

    private void ApplyPendingState()
    {
        double[]? values = Interlocked.Exchange(ref _pendingState, null);
        if (values is not null) ApplyAll(values);
    }

    private void ApplyAll(double[] values)
    {
        for (int i = 0; i < values.Length; i++) ApplyPlain(Parameters.All[i].Id, values[i], 0);
    }
}
