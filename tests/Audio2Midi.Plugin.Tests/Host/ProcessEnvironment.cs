using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Tests.Host;

/// <summary>
/// Sets an environment variable for the managed code and, through libc's setenv, for the native plugin, whose own
/// runtime reads the process environment (the managed one keeps a copy). Before the plugin first reads it.
/// </summary>
internal static partial class ProcessEnvironment
{
    public static void Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsWindows()) SetEnv(name, value, 1);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
