using Audio2Midi.Engine;
using Audio2Midi.Notes;
using Audio2Midi.Models;
using Audio2Midi.Pitch;

namespace Audio2Midi.Placement;

/// <summary>
/// The live engines the plugin and `a2m transcribe --live` both run: the pYIN engine configured for a
/// Latency step's budget (<see cref="LatencyProfile"/>), or a model preset's engine, followed by note placement at that step. One
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

    /// <summary>The model engine of a loaded preset at a Latency step (the preset must outlive the engine).</summary>
    /// <remarks>A windowed model is placed at least at its floor (<see cref="LatencySteps.FloorMs"/>): its notes cannot be decided sooner.</remarks>
    public static PlacedNoteEngine CreateModel(double hostSampleRate, ModelPreset preset, NoteSettings settings, int latencyMs, DecoderSettings? decoder = null, bool pyinPitch = false)
    {
        int floor = LatencySteps.FloorMs(preset.Manifest.Live, preset.Manifest.LatencyMs);
        return new(CreateModel(hostSampleRate, preset, settings, decoder, pyinPitch, latencyMs), LatencySteps.ToSamples(LatencySteps.EffectiveMs(latencyMs, floor), hostSampleRate));
    }

    /// <summary>
    /// The model engine alone, its events dated where they were sung (offline transcription places them there). A
    /// windowed model runs through its sliding window (<see cref="ModelPreset.FrameModel"/>). Engines made from one
    /// preset share its model state: run one of them at a time, and reset it when switching.
    /// </summary>
    /// <param name="decoder">Thresholds instead of the manifest's (null = the manifest's).</param>
    /// <param name="pyinPitch">The hybrid: pYIN names the pitches of the model's notes (<see cref="PyinPitchStage"/>).</param>
    /// <param name="latencyMs">For an f0 model: the Latency step whose head decides (-1 offline: the longest head, each note named by all of its f0).</param>
    public static INoteEngine CreateModel(double hostSampleRate, ModelPreset preset, NoteSettings settings, DecoderSettings? decoder = null, bool pyinPitch = false, int latencyMs = -1)
    {
        ModelManifest m = preset.Manifest;
        preset.FrameModel.Reset();
        if (m.IsF0)
        {
            if (pyinPitch) throw new ArgumentException($"{m.Name}: an f0 model already names its notes by the sung f0; --pyin-pitch is for spectral models");
            int head = m.F0!.HeadFor(latencyMs);
            (int, double)? fillIn = m.F0FillInFromFor(head) is int from ? (from, m.F0DecoderFor(from).OnsetThreshold) : null;
            return new F0NoteEngine(hostSampleRate, preset.FrameModel, m.F0, head, decoder ?? m.F0DecoderFor(head), settings, wholeNote: latencyMs < 0,
                m.F0PitchFromFramesFor(head), m.F0MoveFramesFor(head), fillIn, m.F0Features, m.F0ReadsDeltaFor(head), m.F0MoveNameFramesFor(head), m.F0MoveSlowFramesFor(head),
                m.F0CutsAtFillInFor(head));
        }
        PyinPitchStage? pitch = pyinPitch ? new PyinPitchStage(m.Cqt.Cqt.SampleRate) : null;
        return new ModelNoteEngine(hostSampleRate, m.Cqt, preset.FrameModel, m.Layout, decoder ?? m.Decoder, settings, pitch);
    }
}
