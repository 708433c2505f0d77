using System.Globalization;

namespace Audio2Midi.Plugin;

/// <summary>
/// One parameter: its range in plain units, its steps, how it reads as text. Normalised values (0..1)
/// are what hosts automate; plain values are what the plugin uses and saves.
/// </summary>
internal sealed class ParameterDefinition(
    ParameterId id, string title, string shortTitle, string units,
    double min, double max, int stepCount, double defaultPlain, ParameterFlags flags,
    string[]? choices = null, string format = "0")
{
    public ParameterId Id { get; } = id;
    public string Title { get; } = title;
    public string ShortTitle { get; } = shortTitle;
    public string Units { get; } = units;
    public double Min { get; } = min;
    public double Max { get; } = max;

    /// <summary>0: continuous; n: n+1 discrete values.</summary>
    public int StepCount { get; } = stepCount;

    public double DefaultPlain { get; } = defaultPlain;
    public ParameterFlags Flags { get; } = flags;
    public string[]? Choices { get; } = choices;

    public double DefaultNormalized => ToNormalized(DefaultPlain);

    public double ToPlain(double normalized)
    {
        if (double.IsNaN(normalized)) normalized = DefaultNormalized;
        normalized = Math.Clamp(normalized, 0, 1);
        if (Max <= Min) return Min;
        if (StepCount > 0) return Min + Math.Round(normalized * StepCount) * (Max - Min) / StepCount;
        return Min + normalized * (Max - Min);
    }

    public double ToNormalized(double plain)
    {
        if (Max <= Min || double.IsNaN(plain)) return 0;
        double n = Math.Clamp((plain - Min) / (Max - Min), 0, 1);
        return StepCount > 0 ? Math.Round(n * StepCount) / StepCount : n;
    }

    /// <summary>A plain value forced into range and onto a step (what state loading accepts).</summary>
    public double Sanitize(double plain) => double.IsFinite(plain) ? ToPlain(ToNormalized(plain)) : DefaultPlain;

    public string Format(double plain)
    {
        if (Choices is not null) return Choices[Math.Clamp((int)Math.Round(plain - Min), 0, Choices.Length - 1)];
        string text = plain.ToString(format, CultureInfo.InvariantCulture);
        return Id == ParameterId.Transpose && plain > 0 ? "+" + text : text;
    }

    public bool TryParse(string text, out double plain)
    {
        plain = DefaultPlain;
        string s = text.Trim();
        if (Choices is not null)
        {
            for (int i = 0; i < Choices.Length; i++)
            {
                if (!string.Equals(Choices[i], s, StringComparison.OrdinalIgnoreCase)) continue;
                plain = Min + i;
                return true;
            }
            if (Choices.Length == 2)
            {
                if (s is "1" || s.Equals("true", StringComparison.OrdinalIgnoreCase)) { plain = Min + 1; return true; }
                if (s is "0" || s.Equals("false", StringComparison.OrdinalIgnoreCase)) { plain = Min; return true; }
            }
            return false;
        }
        if (Units.Length > 0 && s.EndsWith(Units, StringComparison.OrdinalIgnoreCase)) s = s[..^Units.Length].Trim();
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v)) return false;
        plain = Sanitize(v);
        return true;
    }
}

[Flags]
internal enum ParameterFlags
{
    None = 0,
    Automatable = 1,
    List = 2,
    ProgramChange = 4,
    Bypass = 8,
    ReadOnly = 16,
}
