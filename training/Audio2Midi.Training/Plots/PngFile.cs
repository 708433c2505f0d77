using ScottPlot;

namespace Audio2Midi.Training.Plots;

/// <summary>Writes a plot where the user asked for it, making the folder first (a `--plot results/steps.png` in a new folder).</summary>
public static class PngFile
{
    public static void Save(Plot plot, string path, int width, int height)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        plot.SavePng(path, width, height);
    }
}
