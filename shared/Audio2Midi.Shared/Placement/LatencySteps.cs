using System.Globalization;

namespace Audio2Midi.Placement;

/// <summary>
/// The plugin's Latency steps: how long after its sung position a note leaves the plugin (and so how
/// much the host is asked to compensate). 0 is Instant: notes leave as soon as they are decided and
/// nothing is reported. `a2m transcribe --latency` takes the same values.
/// </summary>
public static class LatencySteps
{
    /// <summary>The steps in milliseconds, in the order the plugin lists them.</summary>
    public static IReadOnlyList<int> Milliseconds { get; } = [0, 30, 60, 120, 250];

    /// <summary>The step a new plugin instance starts on (docs/plugin.md gives the measured table behind it).</summary>
    public const int DefaultMs = 30;

    /// <summary>The longest step: what the plugin's audio delay line is sized for.</summary>
    public static int MaxMs => Milliseconds[^1];

    public static bool IsStep(int ms) => IndexOf(ms) >= 0;

    public static int IndexOf(int ms)   // no allocation: the audio thread asks
    {
        for (int i = 0; i < Milliseconds.Count; i++)
            if (Milliseconds[i] == ms) return i;
        return -1;
    }

    /// <summary>What the plugin shows: "Instant", "30 ms", ...</summary>
    public static string Name(int ms) => ms == 0 ? "Instant" : ms.ToString(CultureInfo.InvariantCulture) + " ms";

    /// <summary>A step in host samples (the number getLatencySamples reports).</summary>
    public static int ToSamples(int ms, double sampleRate) => (int)Math.Round(ms * sampleRate / 1000.0);

    /// <summary>
    /// The least delay an engine of <paramref name="latencyMs"/> can be placed at: 0 for live engines (a step below
    /// their latency sends notes as soon as decided), and for windowed models their latency plus a 5 ms allowance for
    /// the resampler, rounded up to 10 ms. A windowed preset cannot decide a note before it, so the plugin reports and
    /// delays by the larger of the step and this floor, and every note still lands where it was sung.
    /// </summary>
    public static int FloorMs(bool live, double latencyMs) => live ? 0 : (int)(Math.Ceiling((latencyMs + 5) / 10) * 10);

    /// <summary>The delay a step gives an engine with this floor.</summary>
    public static int EffectiveMs(int stepMs, int floorMs) => Math.Max(stepMs, floorMs);

    /// <summary>The steps as text, for error messages and --help.</summary>
    public static string List => string.Join(", ", Milliseconds.Select(m => m.ToString(CultureInfo.InvariantCulture)));
}
