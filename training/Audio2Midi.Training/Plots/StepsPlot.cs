using Audio2Midi.Training.Evaluation;
using ScottPlot;

namespace Audio2Midi.Training.Plots;

/// <summary>
/// `a2m evaluate --every-step --plot`: mean COnP F1 at each Latency step and offline, with its 95 % interval as a
/// vertical bar, for the engine and (with --against) the second engine beside it: which step to pick, and where one
/// engine is ahead beyond the noise of the set.
/// </summary>
public static class StepsPlot
{
    public static void Save(string path, IReadOnlyList<StepScores> steps, string engine, string? against, string title)
    {
        var plot = new Plot();
        double offset = against is null ? 0 : 0.12;
        Series(plot, steps.Select(s => s.Interval).ToList(), -offset, engine, Colors.SteelBlue);
        if (against is not null)
            Series(plot, steps.Select(s => s.AgainstInterval!.Value).ToList(), offset, against, Colors.DarkOrange);
        plot.Axes.Bottom.SetTicks(steps.Select((_, i) => (double)i).ToArray(), steps.Select(s => s.Name).ToArray());
        plot.Axes.SetLimits(-0.5, steps.Count - 0.5, 0, 1);
        plot.ShowLegend(Alignment.LowerRight);
        plot.Title(title);
        plot.XLabel("Latency step (live, as recorded) and offline");
        plot.YLabel("mean COnP F1 (bars: 95 % interval)");
        PngFile.Save(plot, path, 900, 500);
    }

    private static void Series(Plot plot, IReadOnlyList<BootstrapInterval> intervals, double shift, string label, Color color)
    {
        double[] xs = intervals.Select((_, i) => i + shift).ToArray();
        var points = plot.Add.Scatter(xs, intervals.Select(i => i.Estimate).ToArray());
        points.LegendText = label;
        points.Color = color;
        points.MarkerSize = 9;
        for (int i = 0; i < intervals.Count; i++)
        {
            var bar = plot.Add.Line(xs[i], intervals[i].Low, xs[i], intervals[i].High);
            bar.Color = color;
            bar.LineWidth = 2;
        }
    }
}
