using Audio2Midi.Engine;
using Audio2Midi.Notes;
using Audio2Midi.Pitch;
using Audio2Midi.Placement;

namespace Audio2Midi.Plugin;

/// <summary>
/// The engines/presets a user picks from (the "Engine" parameter, backed by the IUnitInfo program list).
/// Today only the live pYIN engine; model presets found in a preset folder slot in here later, each with
/// a factory that builds its engine for a sample rate outside the audio thread.
/// </summary>
internal static class ProgramList
{
    public const int Id = 1;
    public const string ListName = "Engines";

    private static readonly (string Name, Func<double, NoteSettings, int, INoteEngine> Create)[] Programs =
    [
        ("pYIN (live)", (rate, settings, latencyMs) => LiveEngine.CreatePyin(rate, settings, latencyMs, new PyinSettings())),
    ];

    public static int Count => Programs.Length;

    public static string[] Names => Programs.Select(p => p.Name).ToArray();

    public static string Name(int index) => Programs[index].Name;

    /// <summary>Builds engine <paramref name="index"/> for a sample rate and Latency step (allocates: never on the audio thread).</summary>
    public static INoteEngine Create(int index, double sampleRate, NoteSettings settings, int latencyMs) => Programs[index].Create(sampleRate, settings, latencyMs);
}
