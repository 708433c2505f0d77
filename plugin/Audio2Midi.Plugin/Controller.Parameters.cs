namespace Audio2Midi.Plugin;

/// <summary>Parameter list, conversions and value strings for the host's generic editor.</summary>
internal sealed partial class Controller
{
    public int ParameterCount => Parameters.Count;

    /// <summary>The Latency step the controller shows, in milliseconds.</summary>
    public int LatencyMs => Parameters.LatencyMs(ToPlain((uint)ParameterId.Latency, _normalized[(int)ParameterId.Latency]));

    /// <summary>The preset the controller shows (program index).</summary>
    public int Program => Math.Clamp((int)Math.Round(ToPlain((uint)ParameterId.Engine, _normalized[(int)ParameterId.Engine])), 0, ProgramList.Count - 1);

    public ParameterDefinition? ParameterAt(int index) => index >= 0 && index < Parameters.Count ? Parameters.All[index] : null;

    /// <summary>A copy of every parameter's normalized value (what the window shows).</summary>
    public double[] NormalizedValues() => (double[])_normalized.Clone();

    public double GetNormalized(uint id) => Parameters.Find(id) is null ? 0 : _normalized[id];

    public bool SetNormalized(uint id, double value)
    {
        ParameterDefinition? p = Parameters.Find(id);
        if (p is null || double.IsNaN(value)) return false;
        _normalized[id] = Math.Clamp(value, 0, 1);
        return true;
    }

    public string? ValueToString(uint id, double normalized) => Parameters.Find(id) is { } p ? p.Format(p.ToPlain(normalized)) : null;

    public bool StringToValue(uint id, string text, out double normalized)
    {
        normalized = 0;
        if (Parameters.Find(id) is not { } p || !p.TryParse(text, out double plain)) return false;
        normalized = p.ToNormalized(plain);
        return true;
    }

    public double ToPlain(uint id, double normalized) => Parameters.Find(id)?.ToPlain(normalized) ?? 0;

    public double ToNormalized(uint id, double plain) => Parameters.Find(id)?.ToNormalized(plain) ?? 0;
}
