using ScottPlot;

namespace Audio2Midi.Training.Plots;

/// <summary>Bar chart of frames per class of the single-label target: silence, then each MIDI pitch.</summary>
public static class ClassDistributionPlot
{
    public static void Save(string path, long[] classFrames, int minPitch, string title)
    {
        var plot = new Plot();
        long total = Math.Max(1, classFrames.Sum());
        var bars = new List<Bar>();
        for (int k = 0; k < classFrames.Length; k++)
            bars.Add(new Bar
            {
                Position = k == 0 ? minPitch - 2 : minPitch + k - 1,
                Value = 100.0 * classFrames[k] / total,
                FillColor = k == 0 ? Colors.Gray : Colors.SteelBlue,
            });
        plot.Add.Bars(bars);
        plot.Title(title);
        plot.XLabel($"class: silence (grey, at {minPitch - 2}), then MIDI pitch");
        plot.YLabel("share of frames (%)");
        plot.Axes.Margins(bottom: 0);
        plot.SavePng(path, 1000, 500);
    }
}
