using Audio2Midi.Engine;
using Audio2Midi.Models;
using Audio2Midi.Notes;
using Audio2Midi.Pitch;
using Audio2Midi.Placement;

namespace Audio2Midi.Presets;

/// <summary>
/// One preset's engines at a host rate, one per Latency step (index into <see cref="LatencySteps.Milliseconds"/>),
/// so that a new step is a switch, not a load. A model preset's steps share its loaded model (one ONNX Runtime
/// session and its state): run one step at a time and reset it when switching, as the plugin does. Built off the
/// audio thread; a bad model file is an <see cref="InvalidDataException"/> naming it.
/// </summary>
public sealed class PresetEngineSet : IDisposable
{
    private readonly PlacedNoteEngine[] _steps;

    private PresetEngineSet(PresetEntry entry, ModelPreset? model, PlacedNoteEngine[] steps)
    {
        Entry = entry;
        Model = model;
        _steps = steps;
    }

    public PresetEntry Entry { get; }

    /// <summary>The loaded model; null for pYIN.</summary>
    public ModelPreset? Model { get; }

    public int StepCount => _steps.Length;

    public INoteEngine At(int stepIndex) => _steps[stepIndex];

    /// <param name="backgroundWindows">A windowed model runs on a worker thread (the plugin; see <see cref="SlidingWindowModel"/>).</param>
    public static PresetEngineSet Load(PresetEntry entry, double hostSampleRate, NoteSettings settings, bool backgroundWindows = false)
    {
        IReadOnlyList<int> steps = LatencySteps.Milliseconds;
        var engines = new PlacedNoteEngine[steps.Count];
        if (!entry.IsModel)
        {
            for (int s = 0; s < engines.Length; s++) engines[s] = LiveEngine.CreatePyin(hostSampleRate, settings, steps[s], new PyinSettings());
            return new PresetEngineSet(entry, null, engines);
        }
        ModelPreset model = ModelPreset.Load(entry.ManifestPath!, backgroundWindows);
        try
        {
            for (int s = 0; s < engines.Length; s++) engines[s] = LiveEngine.CreateModel(hostSampleRate, model, settings, steps[s]);
            return new PresetEngineSet(entry with { Sha256 = model.Sha256 }, model, engines);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public void Dispose() => Model?.Dispose();
}
