namespace Audio2Midi.Plugin.Editor;

/// <summary>One preset as the window lists it: its name, what its manifest says, and its group (built-in, shipped, yours).</summary>
internal readonly record struct PresetRow(string Name, string Details, string Group);

/// <summary>What the window shows besides the history: presets, the selected one, status, Latency and the other controls.</summary>
internal sealed record EditorState(
    IReadOnlyList<PresetRow> Presets,
    int Selected,
    string Status,
    bool Fallback,
    int StepMs,
    string Latency,
    IReadOnlyList<(ParameterId Id, string Name, string Value)> Controls);
