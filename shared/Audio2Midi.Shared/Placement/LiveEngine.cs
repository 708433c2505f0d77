using Audio2Midi.Engine;
using Audio2Midi.Notes;
using Audio2Midi.Pitch;

namespace Audio2Midi.Placement;

/// <summary>
/// The live engine the plugin and `a2m transcribe --live` both run: the pYIN engine configured for a
/// Latency step's budget (<see cref="LatencyProfile"/>), followed by note placement at that step. One
/// place, so the two cannot differ.
/// </summary>
public static class LiveEngine
{
    /// <summary>Builds the engine for a host rate and Latency step (allocates: never on the audio thread).</summary>
    /// <param name="decoderLagFrames">Overrides the step's decoder lag (for measurements).</param>
    public static PlacedNoteEngine CreatePyin(double hostSampleRate, NoteSettings settings, int latencyMs, PyinSettings? pyin = null, int? decoderLagFrames = null)
    {
        LatencyProfile profile = LatencyProfile.ForStep(latencyMs);
        if (decoderLagFrames is int lag) profile = profile with { DecoderLagFrames = lag };
        PyinNoteEngine engine = profile.CreatePyin(hostSampleRate, pyin ?? new PyinSettings(), settings);
        return new PlacedNoteEngine(engine, LatencySteps.ToSamples(latencyMs, hostSampleRate));
    }
}
