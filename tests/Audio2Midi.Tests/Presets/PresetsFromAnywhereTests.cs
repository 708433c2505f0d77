using System.Diagnostics;

namespace Audio2Midi.Tests.Presets;

/// <summary>
/// `a2m presets` run as its own process from a folder outside the repository (/tmp, or the temp folder elsewhere) lists
/// the shipped presets: they are found from where a2m is, not from the working directory.
/// </summary>
public sealed class PresetsFromAnywhereTests
{
    [Fact]
    public async Task APresetsListFromTheTempFolderShowsTheShippedPresets()
    {
        string a2m = Path.Combine(AppContext.BaseDirectory, "a2m.dll");
        Assert.True(File.Exists(a2m), $"{a2m} is missing");
        string elsewhere = Directory.CreateTempSubdirectory("a2m-elsewhere-").FullName;
        try
        {
            var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                WorkingDirectory = elsewhere,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(a2m);
            psi.ArgumentList.Add("presets");
            using Process p = Process.Start(psi)!;
            Task<string> readOut = p.StandardOutput.ReadToEndAsync();
            Task<string> readError = p.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await p.WaitForExitAsync(limit.Token);
            string stdout = await readOut, stderr = await readError;
            Assert.True(p.ExitCode == 0, stderr);
            foreach (string manifest in Directory.GetFiles(PresetCatalogTests.Shipped, "*.json"))
            {
                string name = (string)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifest))!["name"]!;
                Assert.Contains(name, stdout);
            }
            Assert.Contains("pYIN (live)", stdout);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
