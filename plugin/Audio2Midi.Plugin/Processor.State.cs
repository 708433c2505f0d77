namespace Audio2Midi.Plugin;

/// <summary>
/// Processor state: the plain parameter values (<see cref="PluginState"/>). A state set while the audio
/// thread runs is handed over and applied at the start of the next block; a rejected blob leaves the
/// plugin on defaults.
/// </summary>
internal sealed partial class Processor
{
    private PendingState? _pendingState;

    /// <summary>A state read on the main thread, its preset already resolved, for the next block to apply.</summary>
    private sealed record PendingState(double[] Values, PluginState.PresetIdentity? Missing);

    public byte[] GetState()
    {
        PendingState? pending = Volatile.Read(ref _pendingState);
        double[] values = pending?.Values ?? _plain;
        PluginState.PresetIdentity? missing = pending is null ? _missingPreset : pending.Missing;
        return PluginState.WriteProcessor(values, missing);
    }

    /// <summary>False if <paramref name="blob"/> is not a valid state: the plugin then runs on defaults.</summary>
    public bool SetState(ReadOnlySpan<byte> blob)
    {
        bool ok = PluginState.TryReadProcessor(blob, out double[] values, out PluginState.PresetIdentity? preset);
        PluginState.PresetIdentity? missing = ResolvePreset(values, preset);
        if (missing is { } m) PluginLog.Write($"the state names preset '{m.Name}' (SHA-256 {m.Sha256 ?? "none"}), which is not installed; pYIN runs instead, and the preset is kept in the state");
        if (IsProcessing) Volatile.Write(ref _pendingState, new PendingState(values, missing));
        else ApplyAll(values, missing);
        return ok;
    }

    /// <summary>
    /// Puts the saved preset's index on this machine into <paramref name="values"/>; returns the identity when it is
    /// not installed here (the plugin then runs pYIN with a status, and saves that identity again).
    /// </summary>
    public static PluginState.PresetIdentity? ResolvePreset(double[] values, PluginState.PresetIdentity? preset)
    {
        if (preset is not { } saved) return null;
        int index = ProgramList.Catalog.Resolve(saved.Name, saved.Sha256);
        values[(int)ParameterId.Engine] = Math.Max(0, index);
        return index < 0 ? saved : null;
    }

    private void ApplyPendingState()
    {
        PendingState? pending = Interlocked.Exchange(ref _pendingState, null);
        if (pending is not null) ApplyAll(pending.Values, pending.Missing);
    }

    private void ApplyAll(double[] values, PluginState.PresetIdentity? missing)
    {
        for (int i = 0; i < values.Length; i++) ApplyPlain(Parameters.All[i].Id, values[i], 0);
        // After the Preset parameter: selecting a preset forgets a missing one, so the missing one is set last.
        _missingPreset = missing;
        if (missing is not null)
        {
            if (SelectedProgram != 0) ApplyPlain(ParameterId.Engine, 0, 0);
            SwapTo(_pyin, EngineStatus.FallbackPresetNotFound);
        }
    }
}
