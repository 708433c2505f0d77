using Audio2Midi.Training.Evaluation;
using ScottPlot;

namespace Audio2Midi.Training.Plots;

/// <summary>
/// `a2m evaluate --every-step --breakdown --plot`: one stacked bar per mode, the share of the sung notes in each class
/// of <see cref="NoteErrorBreakdown"/> (right at the bottom), and beside it the extra notes as a share of the sung ones:
/// how the losses move from pitch to segmentation as the step grows.
/// </summary>
public static class BreakdownPlot
{
    private static readonly Color[] ReferenceColors =
    [
        Colors.SeaGreen, Colors.Gold, Colors.Orange, Colors.OrangeRed, Colors.Khaki,
        Colors.LightSkyBlue, Colors.SteelBlue, Colors.MediumPurple, Colors.Gray,
    ];
    private static readonly Color[] ExtraColors = [Colors.Pink, Colors.RosyBrown];

    public static void Save(string path, IReadOnlyList<(string Mode, NoteErrorBreakdown Classes)> modes, string title)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        for (int m = 0; m < modes.Count; m++)
        {
            NoteErrorBreakdown b = modes[m].Classes;
            double of = Math.Max(1, b.References), bottom = 0;
            for (int c = 0; c < b.ReferenceClasses.Count; c++)
            {
                double share = 100.0 * b.ReferenceClasses[c].Count / of;
                bars.Add(new Bar { Position = m - 0.17, ValueBase = bottom, Value = bottom + share, FillColor = ReferenceColors[c % ReferenceColors.Length], Size = 0.3 });
                bottom += share;
            }
            bottom = 0;
            for (int c = 0; c < b.ExtraClasses.Count; c++)
            {
                double share = 100.0 * b.ExtraClasses[c].Count / of;
                bars.Add(new Bar { Position = m + 0.17, ValueBase = bottom, Value = bottom + share, FillColor = ExtraColors[c % ExtraColors.Length], Size = 0.3 });
                bottom += share;
            }
        }
        plot.Add.Bars(bars);
        NoteErrorBreakdown first = modes[0].Classes;
        for (int c = 0; c < first.ReferenceClasses.Count; c++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = first.ReferenceClasses[c].Name, FillColor = ReferenceColors[c % ReferenceColors.Length] });
        for (int c = 0; c < first.ExtraClasses.Count; c++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = first.ExtraClasses[c].Name, FillColor = ExtraColors[c % ExtraColors.Length] });
        plot.ShowLegend(Edge.Right);
        plot.Axes.Bottom.SetTicks(modes.Select((_, i) => (double)i).ToArray(), modes.Select(m => m.Mode).ToArray());
        plot.Axes.SetLimits(-0.5, modes.Count - 0.5, 0, 105);
        plot.Title(title);
        plot.XLabel("Latency step (live, as recorded) and offline: sung notes (left bar), extra notes (right bar)");
        plot.YLabel("% of the sung notes");
        PngFile.Save(plot, path, 1200, 550);
    }
}
