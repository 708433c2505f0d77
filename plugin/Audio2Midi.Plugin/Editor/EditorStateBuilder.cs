using Audio2Midi.Placement;
using Audio2Midi.Presets;

namespace Audio2Midi.Plugin.Editor;

/// <summary>What the window shows of the controls, from the controller's normalized values (an explicit copy) and the preset menu.</summary>
internal static class EditorStateBuilder
{
    private static readonly ParameterId[] Shown =
    [
        ParameterId.Sensitivity, ParameterId.MinNoteLength, ParameterId.Transpose, ParameterId.Scale, ParameterId.Key,
        ParameterId.AutoTuning, ParameterId.PitchBend, ParameterId.PitchBendRange, ParameterId.VelocityMode, ParameterId.Channel,
    ];

    public static EditorState From(double[] normalized)
    {
        double Plain(ParameterId id) => Parameters.All[(int)id].ToPlain(normalized[(int)id]);
        var presets = new List<PresetRow>(ProgramList.Count);
        foreach (PresetEntry e in ProgramList.Catalog.Entries) presets.Add(Row(e));
        int selected = Math.Clamp((int)Math.Round(Plain(ParameterId.Engine)), 0, ProgramList.Count - 1);
        int status = (int)Math.Round(Plain(ParameterId.Status));
        string statusText = status >= 0 && status < EngineStatusText.Names.Length ? EngineStatusText.Names[status] : "";
        int step = Parameters.LatencyMs(Plain(ParameterId.Latency));
        int floor = ProgramList.Entry(selected).FloorMs;
        string latency = floor > step
            ? $"{floor} ms: this preset's floor, compensated by the host"
            : step > 0 ? $"{step} ms, compensated by the host" : "notes as soon as decided";
        var controls = new List<(ParameterId, string, string)>(Shown.Length);
        foreach (ParameterId id in Shown)
        {
            ParameterDefinition p = Parameters.All[(int)id];
            controls.Add((id, p.ShortTitle, p.Format(Plain(id))));
        }
        return new EditorState(presets, selected, statusText, EngineStatusText.IsFallback((EngineStatus)Math.Max(0, status)), step, latency, controls);
    }

    private static PresetRow Row(PresetEntry e)
    {
        string group = e.Source switch { PresetSource.BuiltIn => "built-in", PresetSource.User => "yours", _ => "shipped" };
        string timing = !e.IsModel ? "live, every step" : e.Live ? "live, every step" : $"windowed, floor {e.FloorMs} ms";
        return new PresetRow(e.Name, $"{e.Kind} · {timing}", group);
    }
}
