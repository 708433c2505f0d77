using Audio2Midi.Notes;

namespace Audio2Midi.Plugin;

/// <summary>
/// Applying parameter values to the live engine. Changes that would move a sounding note (engine,
/// Latency step, transpose, channel, scale, key) or silence it (bypass) end the note first, at the
/// change's offset.
/// </summary>
internal sealed partial class Processor
{
    private bool _bypassed;

    public bool Bypassed => _bypassed;

    /// <summary>The current plain value of a parameter.</summary>
    public double PlainValue(ParameterId id) => _plain[(int)id];

    private void ApplyPlain(ParameterId id, double plain, int offset)
    {
        int index = (int)id;
        if (id == ParameterId.Status || plain == _plain[index]) return;   // Status is the processor's to report, not the host's to set
        if (MovesNotes(id)) ReleaseNotes(offset);
        _plain[index] = plain;
        ApplyToSettings(id, plain);
    }

    private static bool MovesNotes(ParameterId id) => id is ParameterId.Engine or ParameterId.Transpose or ParameterId.Channel
        or ParameterId.Scale or ParameterId.Key or ParameterId.Bypass or ParameterId.Latency;

    private void ApplyToSettings(ParameterId id, double plain)
    {
        switch (id)
        {
            case ParameterId.Engine:
                _missingPreset = null;   // the user picked a preset: a saved one that was missing is given up
                // A windowed preset's floor may move the audio delay, as a new step does: in process, once the host
                // has read the new latency (FollowHostLatency), so the audio stays where the host expects it.
                if (_inProcess) _delayWaitsForHost = true;
                else _delay.SetDelay(AppliedLatencySamples, crossfade: IsActive);
                SelectProgram();
                break;
            case ParameterId.Latency:
                // A new step also moves the audio delay: crossfaded, from the next block on.
                _delay.SetDelay(AppliedLatencySamples, crossfade: IsActive);
                if (_active is null) break;
                _engine = SelectedEngine();
                _engine.Reset();
                break;
            case ParameterId.Sensitivity: _settings.Sensitivity = plain / 100.0; break;
            case ParameterId.MinNoteLength: _settings.MinNoteMs = plain; break;
            case ParameterId.Transpose: _settings.Transpose = (int)Math.Round(plain); break;
            case ParameterId.Channel: _settings.Channel = Math.Clamp((int)Math.Round(plain) - 1, 0, 15); break;
            case ParameterId.VelocityMode: _settings.VelocityMode = plain >= 0.5 ? VelocityMode.Loudness : VelocityMode.Fixed; break;
            case ParameterId.FixedVelocity: _settings.FixedVelocity = Math.Clamp((int)Math.Round(plain), 1, 127); break;
            case ParameterId.PitchBend: _settings.PitchBendEnabled = plain >= 0.5; break;
            case ParameterId.PitchBendRange: _settings.PitchBendRangeSemitones = plain; break;
            case ParameterId.Scale: _settings.Scale = (Scale)Math.Clamp((int)Math.Round(plain), 0, Parameters.ScaleNames.Length - 1); break;
            case ParameterId.Key: _settings.Key = Math.Clamp((int)Math.Round(plain), 0, 11); break;
            case ParameterId.AutoTuning: _settings.AutoTuning = plain >= 0.5; break;
            case ParameterId.Bypass:
                bool bypass = plain >= 0.5;
                if (_bypassed && !bypass) _engine.Reset();
                _bypassed = bypass;
                break;
        }
    }
}
