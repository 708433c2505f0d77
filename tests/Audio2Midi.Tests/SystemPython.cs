using System.Diagnostics;

namespace Audio2Midi.Tests;

/// <summary>Debian's /usr/bin/python3, which the reference tools (mir_eval, onnx.checker) run under.</summary>
internal static class SystemPython
{
    public const string Path = "/usr/bin/python3";

    /// <summary>Runs python3 with the arguments; exit code -1 when there is no python3.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        if (!File.Exists(Path))
            return (-1, "", $"{Path} not found");
        var psi = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    public static bool Imports(string modules) => Run("-c", $"import {modules}").ExitCode == 0;
}
