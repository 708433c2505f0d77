using Audio2Midi.Plugin;
using Audio2Midi.Plugin.Tests.Host;
using Audio2Midi.Presets;

namespace Audio2Midi.PluginSoak;

/// <summary>
/// Wake-ups per second of each plugin thread while one instance processes silence at real-time pace (issue 18: the
/// loader's at most 5 per second when nothing loads, the windowed worker's at most its runs + 5). The host's own thread
/// (this one) is not counted.
/// </summary>
internal static class Wakeups
{
    private const int Rate = 48000, Block = 128;

    public static int Run(double seconds, string? filter)
    {
        if (!OperatingSystem.IsLinux()) throw new ArgumentException("wakeups reads /proc: Linux only");
        var presets = TestPresetFolder.EveryEngineKind()
            .Where(e => filter is null || e.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList();
        if (presets.Count == 0) throw new ArgumentException($"no preset's name contains '{filter}' (pYIN, the shipped presets and the test models)");
        Console.WriteLine($"# plugin thread wake-ups over {seconds:0} s of silence at real-time pace, {Rate} Hz, {Block}-frame blocks; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
        Console.WriteLine("preset | thread | wake-ups/s | runs due/s");
        bool ok = true;
        foreach (PresetEntry preset in presets)
        {
            using var p = new PluginInstance();
            p.Start(Rate, preset: preset.Name);
            var streamer = new Streamer(p) { Speed = 1, PacedRate = Rate };
            streamer.Feed(new float[Rate], Block);   // a second to settle: the first runs, the status report
            List<PluginThreads.Sample> before = PluginThreads.Read();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            streamer.Feed(new float[(int)(seconds * Rate)], Block);
            double elapsed = clock.Elapsed.TotalSeconds;
            List<PluginThreads.Sample> after = PluginThreads.Read();
            double runsDue = preset.Live || !preset.IsModel ? 0 : RunsPerSecond(preset);
            foreach (PluginThreads.Sample a in after)
            {
                PluginThreads.Sample? b = before.FirstOrDefault(x => x.Tid == a.Tid);
                if (b is null || b.Value.Tid == 0) continue;   // a thread of an earlier instance ending, or one that started late
                double perSecond = (a.Voluntary - b.Value.Voluntary) / elapsed;
                bool worker = a.Name.StartsWith("Audio2Midi wind", StringComparison.Ordinal);
                double limit = worker ? runsDue + 5 : 5;
                ok &= perSecond <= limit;
                Console.WriteLine($"{preset.Name} | {a.Name} ({a.Tid}) | {perSecond:0.0} | {(worker ? runsDue.ToString("0.0") : "-")}");
            }
        }
        Console.WriteLine(ok ? "every thread within its limit (loader <= 5/s, windowed worker <= runs + 5/s)" : "LIMIT EXCEEDED");
        return ok ? 0 : 1;
    }

    /// <summary>Runs a windowed model is due per second: one per <see cref="Models.SlidingWindowModel.HopFrames"/> model frames.</summary>
    private static double RunsPerSecond(PresetEntry preset)
    {
        Models.ModelManifest m = Models.ModelManifestJson.Read(preset.ManifestPath!);
        return (double)m.Cqt.Cqt.SampleRate / m.Cqt.Cqt.HopSamples / Models.SlidingWindowModel.HopFrames;
    }
}
