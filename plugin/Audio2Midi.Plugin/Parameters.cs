using Audio2Midi.Placement;

namespace Audio2Midi.Plugin;

/// <summary>
/// The plugin's parameters, in the order a host's generic editor lists them. Defaults equal
/// <see cref="Audio2Midi.Notes.NoteSettings"/>'s, so the plugin and `a2m transcribe --live` agree out of the box.
/// </summary>
internal static class Parameters
{
    private static readonly string[] OffOn = ["Off", "On"];

    /// <summary>Pitch classes; the UI names pitch classes only, never octaves.</summary>
    public static readonly string[] KeyNames = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    public static readonly string[] ScaleNames = ["Chromatic (off)", "Major", "Natural minor", "Harmonic minor", "Major pentatonic", "Minor pentatonic"];

    public static readonly string[] VelocityModeNames = ["Fixed", "Loudness"];

    public static readonly string[] LatencyNames = LatencySteps.Milliseconds.Select(LatencySteps.Name).ToArray();

    /// <summary>Every parameter, indexed by id. Swapped whole when the preset menu grows (<see cref="PresetListChanged"/>): readers on any thread see one consistent array.</summary>
    public static ParameterDefinition[] All => Volatile.Read(ref s_all);

    private static ParameterDefinition[] s_all =
    [
        PresetParameter(),
        new(ParameterId.Sensitivity, "Sensitivity", "Sens", "%", 0, 100, 0, 50, ParameterFlags.Automatable, format: "0.0"),
        new(ParameterId.MinNoteLength, "Minimum note length", "MinLen", "ms", 10, 500, 490, 40, ParameterFlags.Automatable),
        new(ParameterId.Transpose, "Transpose", "Transp", "st", -24, 24, 48, 0, ParameterFlags.Automatable),
        new(ParameterId.Channel, "MIDI channel", "Chan", "", 1, 16, 15, 1, ParameterFlags.Automatable),
        new(ParameterId.VelocityMode, "Velocity mode", "VelMode", "", 0, 1, 1, 1, ParameterFlags.Automatable | ParameterFlags.List, VelocityModeNames),
        new(ParameterId.FixedVelocity, "Fixed velocity", "Vel", "", 1, 127, 126, 100, ParameterFlags.Automatable),
        new(ParameterId.PitchBend, "Pitch bend", "Bend", "", 0, 1, 1, 0, ParameterFlags.Automatable | ParameterFlags.List, OffOn),
        new(ParameterId.PitchBendRange, "Pitch bend range", "BendRng", "st", 1, 24, 23, 2, ParameterFlags.Automatable),
        new(ParameterId.Scale, "Scale snap", "Scale", "", 0, ScaleNames.Length - 1, ScaleNames.Length - 1, 0, ParameterFlags.Automatable | ParameterFlags.List, ScaleNames),
        new(ParameterId.Key, "Key", "Key", "", 0, 11, 11, 0, ParameterFlags.Automatable | ParameterFlags.List, KeyNames),
        new(ParameterId.AutoTuning, "Follow singer's tuning", "AutoTune", "", 0, 1, 1, 0, ParameterFlags.Automatable | ParameterFlags.List, OffOn),
        new(ParameterId.Bypass, "Bypass", "Bypass", "", 0, 1, 1, 0, ParameterFlags.Automatable | ParameterFlags.Bypass, OffOn),
        new(ParameterId.Latency, "Latency", "Latency", "", 0, LatencySteps.Milliseconds.Count - 1, LatencySteps.Milliseconds.Count - 1,
            LatencySteps.IndexOf(LatencySteps.DefaultMs), ParameterFlags.Automatable | ParameterFlags.List, LatencyNames),
        // Read-only: which engine runs and why pYIN replaced a model preset; set by the processor, shown by the host.
        new(ParameterId.Status, "Status", "Status", "", 0, EngineStatusText.Names.Length - 1, EngineStatusText.Names.Length - 1, 0,
            ParameterFlags.ReadOnly | ParameterFlags.List, EngineStatusText.Names),
    ];

    /// <summary>The Preset parameter over the current menu: one step per preset, plain value = program index.</summary>
    private static ParameterDefinition PresetParameter() =>
        new(ParameterId.Engine, "Preset", "Preset", "", 0, ProgramList.Count - 1, ProgramList.Count - 1, ProgramList.DefaultProgram,
            ParameterFlags.Automatable | ParameterFlags.List | ParameterFlags.ProgramChange, ProgramList.Names);

    /// <summary>The menu grew (<see cref="ProgramList.Rescan"/>): the Preset parameter gets its new range and names.</summary>
    internal static void PresetListChanged()
    {
        ParameterDefinition[] next = (ParameterDefinition[])All.Clone();
        next[(int)ParameterId.Engine] = PresetParameter();
        Volatile.Write(ref s_all, next);
    }

    /// <summary>The Latency parameter's plain value is the index of its step in <see cref="LatencySteps.Milliseconds"/>.</summary>
    public static int LatencyIndex(double plain) => Math.Clamp((int)Math.Round(plain), 0, LatencySteps.Milliseconds.Count - 1);

    public static int LatencyMs(double plain) => LatencySteps.Milliseconds[LatencyIndex(plain)];

    /// <summary>The Latency parameter's plain value for a step of <paramref name="ms"/>.</summary>
    public static double LatencyPlain(int ms) => LatencySteps.IndexOf(ms);

    public static int Count => All.Length;

    /// <summary>The definition for a parameter id, or null for an id the plugin does not have.</summary>
    public static ParameterDefinition? Find(uint id) => id < (uint)All.Length ? All[id] : null;

    public static double[] DefaultPlainValues()
    {
        var values = new double[All.Length];
        for (int i = 0; i < values.Length; i++) values[i] = All[i].DefaultPlain;
        return values;
    }
}
