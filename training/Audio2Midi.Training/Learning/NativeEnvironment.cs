using System.Runtime.InteropServices;

namespace Audio2Midi.Training.Learning;

/// <summary>
/// Environment variables that native libraries (libtorch, oneDNN) read with getenv. On Unix .NET keeps its own copy of
/// the environment, so a variable set only through <see cref="Environment.SetEnvironmentVariable(string, string)"/> never
/// reaches them; this sets libc's too.
/// </summary>
public static partial class NativeEnvironment
{
    /// <summary>Sets <paramref name="name"/> unless it is set already (the user's choice wins); returns whether it set it. Never throws.</summary>
    public static bool SetIfUnset(string name, string value)
    {
        try
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) return false;
            Environment.SetEnvironmentVariable(name, value);   // Windows: native code reads the same block
            if (!OperatingSystem.IsWindows()) _ = SetEnv(name, value, 0);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;   // no libc setenv: native code keeps its defaults
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
