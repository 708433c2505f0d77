namespace Audio2Midi.Plugin;

/// <summary>
/// Units and the program list (IUnitInfo): one root unit whose program list is <see cref="ProgramList"/>,
/// so hosts show the Engine parameter (flagged program change) as a preset menu.
/// </summary>
internal sealed partial class Controller
{
    public const string RootUnitName = "Audio2Midi";

    public int UnitCount => 1;

    public int ProgramListCount => 1;

    /// <summary>
    /// The menu grew from <paramref name="oldCount"/> presets (<see cref="ProgramList.Rescan"/>): the Preset value is
    /// normalized over the new range, so the same preset stays selected.
    /// </summary>
    public void PresetListChanged(int oldCount)
    {
        int program = oldCount <= 1 ? 0 : (int)Math.Round(_normalized[(int)ParameterId.Engine] * (oldCount - 1));
        _normalized[(int)ParameterId.Engine] = Parameters.All[(int)ParameterId.Engine].ToNormalized(program);
    }

    public static string? ProgramName(int listId, int index) =>
        listId == ProgramList.Id && index >= 0 && index < ProgramList.Count ? ProgramList.Name(index) : null;
}
