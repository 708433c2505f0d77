using System.CommandLine;
using System.Globalization;
using Audio2Midi.Presets;
using Spectre.Console;

namespace Audio2Midi.Training.Commands;

/// <summary>`a2m presets`: what the plugin's preset menu shows, in its order, and where each was found.</summary>
public static class PresetsCommand
{
    public static Command Create()
    {
        var command = new Command("presets", $"List the presets the plugin's menu shows, in its order: the built-in pYIN engine, the shipped models (training/presets, copied into the bundle) and your own (`a2m export --install`, in {PresetFolders.User}).");
        command.SetAction(_ =>
        {
            PresetCatalog catalog = CliPresets.Catalog();
            var table = new Table().AddColumns("#", "Name", "Kind", "Mode", "Latency", "Found in");
            for (int i = 0; i < catalog.Count; i++)
            {
                PresetEntry e = catalog[i];
                string mode = e.Live ? "live" : "windowed";
                // A live model follows the Latency steps; a windowed one runs at its floor whatever the step.
                string latency = !e.IsModel || e.Kind == Audio2Midi.Models.ModelManifest.F0Kind ? "per step"
                    : e.FloorMs > 0 ? string.Create(CultureInfo.InvariantCulture, $"{e.LatencyMs:0} ms (runs at {e.FloorMs} ms)")
                    : string.Create(CultureInfo.InvariantCulture, $"{e.LatencyMs:0} ms");
                string where = e.ManifestPath is null ? "built in" : $"{e.Source.ToString().ToLowerInvariant()}: {e.ManifestPath}";
                table.AddRow(i.ToString(CultureInfo.InvariantCulture), Markup.Escape(e.Name), e.Kind, mode, latency, Markup.Escape(where));
            }
            StandardOutput.Write(table);
            Console.Error.WriteLine($"shipped: {catalog.ShippedFolder ?? "(no repository found)"}; user: {catalog.UserFolder}{(Directory.Exists(catalog.UserFolder) ? "" : " (not created yet)")}");
            foreach (string problem in catalog.Problems) Console.Error.WriteLine($"skipped: {problem}");
            return 0;
        });
        return command;
    }
}
