namespace Audio2Midi.Tests;

/// <summary>
/// Tests that need a system tool the .NET build cannot install (ffmpeg, Debian's mir_eval or onnx)
/// skip and name the package when it is missing, so `dotnet test` passes on a fresh clone. CI sets
/// AUDIO2MIDI_REQUIRE_TOOLS=1 (`.ci/run` installs the packages), and there a missing tool fails.
/// </summary>
internal static class OptionalTool
{
    public const string RequireVariable = "AUDIO2MIDI_REQUIRE_TOOLS";

    /// <param name="missing">What is missing and which package installs it.</param>
    public static void Require(bool present, string missing)
    {
        if (present)
            return;
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
            Assert.Fail($"{missing} ({RequireVariable}=1: this run must not skip it)");
        throw new SkipException(missing);
    }
}
