using Audio2Midi.Plugin;
using Audio2Midi.Plugin.Interop;
using Audio2Midi.Plugin.Tests;
using Audio2Midi.Plugin.Tests.Host;
using Audio2Midi.Placement;
using Audio2Midi.Presets;

namespace Audio2Midi.PluginSoak;

/// <summary>
/// The soak (issue 18): generated singing, silence and noise through the native bundle as fast as it goes (twice real
/// time while a windowed preset runs: its worker needs wall-clock time, as in a DAW), with a preset switch every 30 s,
/// a Latency change every 45 s, and every minute a bypass toggle and a state save/load, each sent the way a host sends
/// it (controller and processor). Checked throughout: no byte allocated by the module on the audio thread (this thread,
/// in process calls), every event inside its block, no NoteOn while its note sounds, no NoteOff without one, nothing
/// sounding after bypass; resident memory printed each minute (flat after the first); no fallback for lateness; and no
/// error in the plugin's log.
/// </summary>
internal static unsafe class Soak
{
    private const int Rate = 48000, Block = 256, SegmentSeconds = 10;
    private const double WindowedSpeed = 2;

    public static int Run(double minutes, int seed, bool verbose = false)
    {
        var rng = new Random(seed);
        List<PresetEntry> presets = TestPresetFolder.EveryEngineKind().ToList();
        Console.WriteLine($"# soak: {minutes:0.#} min of audio, seed {seed}, {Rate} Hz, {Block}-frame blocks, presets {string.Join(", ", presets.Select(p => p.Name))}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
        Console.WriteLine("minute | wall s | RSS MiB | bytes allocated in process | NoteOns | process calls over half their block | preset shown | status");

        using var p = new PluginInstance();
        p.Start(Rate, channels: 2);
        NativeModule module = NativeModule.Instance;
        var events = new HostEventRecorder();
        var changes = new HostParameterChangeList();
        var sounding = new HashSet<(int Channel, int Pitch)>();
        var problems = new List<string>();
        long total = (long)(minutes * 60 * Rate), position = 0, allocated = 0, noteOns = 0;
        int nextMinute = 1, presetIndex = 0;
        bool bypassed = false;
        EngineStatus? lastStatus = null;
        bool runningWindowed = false;
        int slowBlocks = 0;        // process calls that took over half their block's duration (the plugin's overrun budget)
        double worst = 0;
        double firstMinuteRss = 0, maxRssAfter = 0;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        double pacedSeconds = 0;   // audio time fed while pacing, against the wall clock
        var pace = new System.Diagnostics.Stopwatch();
        float[] segment = [];
        int segmentAt = 0;

        void Problem(string what)
        {
            if (problems.Count < 50) problems.Add($"at {position / (double)Rate:0.000} s: {what}");
        }

        while (position < total)
        {
            if (segmentAt >= segment.Length)
            {
                segment = Segment(rng);
                segmentAt = 0;
            }
            int frames = Math.Min(Block, segment.Length - segmentAt);
            for (int c = 0; c < 2; c++) segment.AsSpan(segmentAt, frames).CopyTo(p.Input(c));
            segmentAt += frames;
            changes.Clear();

            // The schedule, by audio time: what a user and a host do to an instance in a long session.
            long second = position / Rate, nextSecond = (position + frames) / Rate;
            if (nextSecond != second)
            {
                if (nextSecond % 30 == 0)
                {
                    presetIndex = (presetIndex + 1 + rng.Next(presets.Count - 1)) % presets.Count;
                    double v = Parameters.All[(int)ParameterId.Engine].ToNormalized(ProgramList.Catalog.IndexOf(presets[presetIndex].Name));
                    p.SetParamNormalized((uint)ParameterId.Engine, v);
                    changes.Add((uint)ParameterId.Engine, rng.Next(frames), v);
                }
                if (nextSecond % 45 == 0)
                {
                    int ms = LatencySteps.Milliseconds[rng.Next(LatencySteps.Milliseconds.Count)];
                    double v = Parameters.All[(int)ParameterId.Latency].ToNormalized(Parameters.LatencyPlain(ms));
                    p.SetParamNormalized((uint)ParameterId.Latency, v);
                    changes.Add((uint)ParameterId.Latency, rng.Next(frames), v);
                }
                if (nextSecond % 60 == 15)   // away from the preset switches: a host saves between its own changes
                {
                    // State saved and recalled (the host's project reload), between blocks, as hosts do it.
                    byte[] state = p.GetState();
                    PluginInstance.Check(p.SetState(state), "setState");
                    PluginInstance.Check(p.SetComponentState(state), "setComponentState");
                    bypassed = true;
                    changes.Add((uint)ParameterId.Bypass, rng.Next(frames), 1);
                }
                else if (bypassed && nextSecond % 60 == 17)
                {
                    bypassed = false;
                    changes.Add((uint)ParameterId.Bypass, rng.Next(frames), 0);
                }
            }

            events.Clear();
            long before = module.AllocatedBytesForCurrentThread;
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            int result = p.Process(frames, changes, events);
            double took = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds / ((double)frames / Rate);
            allocated += module.AllocatedBytesForCurrentThread - before;
            if (took > 0.5) slowBlocks++;
            worst = Math.Max(worst, took);
            if (result != Result.Ok) Problem($"process returned {result}");
            foreach (Event e in events.Events)
            {
                if (e.SampleOffset < 0 || e.SampleOffset >= frames) Problem($"event at offset {e.SampleOffset} in a {frames}-frame block");
                if (e.Type == Vst.EventNoteOn)
                {
                    noteOns++;
                    if (!sounding.Add((e.NoteOn.Channel, e.NoteOn.Pitch))) Problem($"NoteOn {e.NoteOn.Pitch} while it sounds");
                }
                else if (e.Type == Vst.EventNoteOff && !sounding.Remove((e.NoteOff.Channel, e.NoteOff.Pitch)))
                    Problem($"NoteOff {e.NoteOff.Pitch} without a NoteOn");
            }
            if (bypassed && sounding.Count > 0 && changes.Last((uint)ParameterId.Bypass) is null) Problem($"{sounding.Count} notes sound a block after bypass");
            if (p.Status == EngineStatus.FallbackTooSlow && lastStatus != EngineStatus.FallbackTooSlow) Problem("a model fell back as too slow");
            // Which engine runs: the shown preset once its load is taken; until then the one before it keeps running.
            if (p.Status != lastStatus && p.Status is not EngineStatus.Loading)
                runningWindowed = p.Status == EngineStatus.ModelRunning && !ProgramList.Entry(presetIndexOf(p)).Live;
            if (verbose && p.Status != lastStatus) Console.WriteLine($"  {position / (double)Rate:0.00} s: status {p.Status}, preset shown {ProgramList.Entry(presetIndexOf(p)).Name}");
            lastStatus = p.Status;
            position += frames;

            // A windowed model runs on its own thread in wall-clock time: while one runs, feed no faster than twice real
            // time (its worker and the loader share this machine's cores with the audio thread).
            if (runningWindowed)
            {
                if (!pace.IsRunning) pace.Restart();
                pacedSeconds += (double)frames / Rate;
                double ahead = pacedSeconds / WindowedSpeed - pace.Elapsed.TotalSeconds;
                if (ahead > 0.002) Thread.Sleep(TimeSpan.FromSeconds(ahead));
            }
            else
            {
                pace.Reset();
                pacedSeconds = 0;
            }

            if (position >= nextMinute * 60L * Rate)
            {
                double rss = PluginThreads.ResidentMiB();
                if (nextMinute == 1) firstMinuteRss = rss;
                else maxRssAfter = Math.Max(maxRssAfter, rss);
                Console.WriteLine($"{nextMinute} | {wall.Elapsed.TotalSeconds:0.0} | {rss:0.0} | {allocated} | {noteOns} | {slowBlocks} (worst {worst:P0}) | {ProgramList.Entry(presetIndexOf(p)).Name} | {p.Status}");
                nextMinute++;
            }
        }

        // The end of the session: bypass ends whatever sounds.
        changes.Clear();
        changes.Add((uint)ParameterId.Bypass, 0, 1);
        events.Clear();
        p.Process(0, changes, events);
        events.Clear();
        for (int c = 0; c < 2; c++) p.Input(c)[..16].Clear();
        p.Process(16, null, events);
        foreach (Event e in events.Events)
            if (e.Type == Vst.EventNoteOff) sounding.Remove((e.NoteOff.Channel, e.NoteOff.Pitch));
        if (sounding.Count > 0) Problem($"{sounding.Count} notes left sounding at the end");

        string[] logErrors = TestPresetFolder.LogLines().Where(IsError).ToArray();
        Console.WriteLine($"# {position / (double)Rate / 60:0.0} min of audio in {wall.Elapsed.TotalSeconds:0} s; {noteOns} NoteOns; bytes allocated by the module in process calls: {allocated}");
        Console.WriteLine($"# resident memory: {firstMinuteRss:0.0} MiB after the first minute, at most {maxRssAfter:0.0} MiB after it ({maxRssAfter - firstMinuteRss:+0.0;-0.0;0} MiB)");
        Console.WriteLine($"# plugin log: {TestPresetFolder.LogLines().Count()} lines, {logErrors.Length} errors");
        foreach (string line in logErrors.Take(10)) Console.WriteLine("#   " + line);
        if (allocated != 0) Problem($"{allocated} bytes allocated in process calls");
        foreach (string problem in problems) Console.WriteLine("PROBLEM " + problem);
        Console.WriteLine(problems.Count == 0 && logErrors.Length == 0 ? "soak passed" : "SOAK FAILED");
        return problems.Count == 0 && logErrors.Length == 0 ? 0 : 1;
    }

    private static int presetIndexOf(PluginInstance p) =>
        (int)Math.Round(Parameters.All[(int)ParameterId.Engine].ToPlain(p.GetParamNormalized((uint)ParameterId.Engine)));

    /// <summary>A log line that reports something wrong (loads, fallbacks and rate notes are expected and fine).</summary>
    private static bool IsError(string line) =>
        line.Contains("exception", StringComparison.OrdinalIgnoreCase) || line.Contains("cannot run", StringComparison.OrdinalIgnoreCase)
        || line.Contains("fail", StringComparison.OrdinalIgnoreCase) || line.Contains("error", StringComparison.OrdinalIgnoreCase);

    /// <summary>Ten seconds of one of: a sung melody (random notes and tempo), silence, or noise at a random level.</summary>
    private static float[] Segment(Random rng)
    {
        int kind = rng.Next(4);
        if (kind == 0) return new float[SegmentSeconds * Rate];
        if (kind == 1)
        {
            var noise = new float[SegmentSeconds * Rate];
            float level = (float)Math.Pow(10, (-50 + 40 * rng.NextDouble()) / 20);
            for (int i = 0; i < noise.Length; i++) noise[i] = level * (float)(2 * rng.NextDouble() - 1);
            return noise;
        }
        var notes = new List<double>();
        var melody = new List<float>();
        while (melody.Count < SegmentSeconds * Rate)
            melody.AddRange(Signals.Melody(Rate, 48 + rng.Next(30) + rng.NextDouble() * 0.3 - 0.15, 48 + rng.Next(30)));
        return melody.Take(SegmentSeconds * Rate).ToArray();
    }
}
