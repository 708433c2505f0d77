namespace Audio2Midi.PluginSoak;

/// <summary>The plugin's own threads in this process (named "Audio2Midi ..."; Linux shows 15 characters) and their voluntary context switches.</summary>
internal static class PluginThreads
{
    public readonly record struct Sample(int Tid, string Name, long Voluntary);

    /// <summary>Every thread whose name starts with "Audio2Midi", with its voluntary_ctxt_switches now.</summary>
    public static List<Sample> Read()
    {
        var list = new List<Sample>();
        if (!OperatingSystem.IsLinux()) return list;
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                string name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                if (!name.StartsWith("Audio2Midi", StringComparison.Ordinal)) continue;
                string? line = File.ReadLines(Path.Combine(task, "status")).FirstOrDefault(l => l.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal));
                if (line is null) continue;
                list.Add(new Sample(int.Parse(Path.GetFileName(task)), name, long.Parse(line.Split(':')[1].Trim())));
            }
            catch (IOException) { }   // the thread ended between the listing and the read
        }
        return list;
    }

    /// <summary>Resident set size of this process in MiB (VmRSS).</summary>
    public static double ResidentMiB()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }
}
