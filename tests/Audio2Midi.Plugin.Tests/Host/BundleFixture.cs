using System.Diagnostics;

namespace Audio2Midi.Plugin.Tests.Host;

/// <summary>
/// Publishes the plugin once per test run (`dotnet publish plugin/Audio2Midi.Plugin -c Release -r RID
/// -p:InstallVst3=false`, incremental) so that the tests load the real native bundle, not the managed assembly.
/// </summary>
internal static class BundleFixture
{
    private static readonly Lazy<string> s_binary = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string BinaryPath => s_binary.Value;

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Audio2Midi.sln"))) return dir.FullName;
            throw new InvalidOperationException("Audio2Midi.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string BundlePath => System.IO.Path.Combine(RepositoryRoot, "artifacts", "Audio2Midi.vst3");

    private static string Publish()
    {
        string root = RepositoryRoot;
        bool windows = OperatingSystem.IsWindows();
        string rid = windows ? "win-x64" : "linux-x64";
        string binary = windows
            ? System.IO.Path.Combine(BundlePath, "Contents", "x86_64-win", "Audio2Midi.vst3")
            : System.IO.Path.Combine(BundlePath, "Contents", "x86_64-linux", "Audio2Midi.so");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "publish", System.IO.Path.Combine("plugin", "Audio2Midi.Plugin", "Audio2Midi.Plugin.csproj"),
                     "-c", "Release", "-r", rid, "-p:InstallVst3=false", "-nologo" })
            psi.ArgumentList.Add(a);
        // The test runner's MSBuild variables would point the child build at the wrong SDK pieces.
        foreach (string key in psi.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k == "MSBuildExtensionsPath" || k == "MSBuildSDKsPath").ToList())
            psi.Environment.Remove(key);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet publish");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            p.Kill(true);
            throw new TimeoutException("dotnet publish of the plugin took over 10 minutes");
        }
        if (p.ExitCode != 0 || !File.Exists(binary))
            throw new InvalidOperationException($"dotnet publish of the plugin failed ({p.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        return binary;
    }
}
