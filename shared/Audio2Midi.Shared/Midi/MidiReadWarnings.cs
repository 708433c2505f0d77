namespace Audio2Midi.Midi;

/// <summary>
/// Collects reader warnings with a cap, so a badly made file with thousands of unpaired notes
/// yields a readable list instead of thousands of lines.
/// </summary>
internal sealed class MidiReadWarnings
{
    private const int MaxListed = 50;
    private readonly List<string> _listed = [];
    private int _suppressed;

    public void Add(string warning)
    {
        if (_listed.Count < MaxListed) _listed.Add(warning);
        else _suppressed++;
    }

    public IReadOnlyList<string> ToList()
    {
        var all = new List<string>(_listed);
        if (_suppressed > 0)
            all.Add($"{_suppressed} more warnings not listed");
        return all;
    }
}
