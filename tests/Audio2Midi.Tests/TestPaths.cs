namespace Audio2Midi.Tests;

/// <summary>Folders of the repository the tests read committed files from.</summary>
internal static class TestPaths
{
    /// <summary>The folder holding Audio2Midi.sln above the test binaries.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Audio2Midi.sln"))) return dir.FullName;
            throw new InvalidOperationException($"no Audio2Midi.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>tests/models: trained models that are not on the shipped menu (a live CQT model, a windowed CRNN), kept as the tests' model fixtures.</summary>
    public static string TestModels => Path.Combine(RepositoryRoot, "tests", "models");
}
