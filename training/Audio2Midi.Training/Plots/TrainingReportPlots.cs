using Audio2Midi.Training.Learning;
using Audio2Midi.Training.Reports;
using ScottPlot;

namespace Audio2Midi.Training.Plots;

/// <summary>The figures of `a2m report`: loss curves, confusion matrix, per-class F1, reliability diagram, MC-dropout uncertainty.</summary>
public static class TrainingReportPlots
{
    public static void LossCurves(string path, IReadOnlyList<EpochRecord> log, int bestEpoch)
    {
        var plot = new Plot();
        double[] epochs = log.Select(r => (double)r.Epoch).ToArray();
        var train = plot.Add.Scatter(epochs, log.Select(r => r.TrainLoss).ToArray());
        train.LegendText = "train (augmented crops)";
        var validation = plot.Add.Scatter(epochs, log.Select(r => r.ValidationLoss).ToArray());
        validation.LegendText = "validation";
        if (bestEpoch > 0)
        {
            var line = plot.Add.VerticalLine(bestEpoch);
            line.LegendText = $"best (epoch {bestEpoch})";
            line.LinePattern = LinePattern.Dashed;
        }
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title("Loss per epoch");
        plot.XLabel("epoch");
        plot.YLabel("masked loss per frame");
        plot.SavePng(path, 900, 500);
    }

    /// <summary>Row-normalised confusion matrix over the classes that occur (true down, predicted across; silence last).</summary>
    public static void Confusion(string path, FrameMetrics m, int minPitch, int[] shown)
    {
        int n = shown.Length;
        var data = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            long row = 0;
            foreach (int j in shown) row += m.Confusion[shown[i], j];
            for (int j = 0; j < n; j++) data[n - 1 - i, j] = row > 0 ? (double)m.Confusion[shown[i], shown[j]] / row : 0;
        }
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Extent = new CoordinateRect(0, n - 1, 0, n - 1); // cell centres; row 0 of the data is drawn at the top
        plot.Add.ColorBar(heatmap).Label = "share of the true class's frames";
        string Name(int k) => k == shown.Max() && k == m.PerClass.Length - 1 ? "sil" : (minPitch + k).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ticks = Enumerable.Range(0, n).Where(i => i % Math.Max(1, n / 16) == 0 || i == n - 1).ToArray();
        plot.Axes.Bottom.SetTicks(ticks.Select(i => (double)i).ToArray(), ticks.Select(i => Name(shown[i])).ToArray());
        plot.Axes.Left.SetTicks(ticks.Select(i => (double)i).ToArray(), ticks.Select(i => Name(shown[i])).ToArray());
        plot.Title("Frame confusion (rows: true class; MIDI pitch, 'sil' = silence)");
        plot.XLabel("predicted");
        plot.YLabel("true");
        plot.SavePng(path, 900, 850);
    }

    public static void PerClassF1(string path, FrameMetrics m, int minPitch, int[] shown)
    {
        var plot = new Plot();
        int silence = m.PerClass.Length - 1;
        var bars = shown.Select(k => new Bar
        {
            Position = k == silence ? minPitch - 2 : minPitch + k,
            Value = m.PerClass[k].F1,
            FillColor = k == silence ? Colors.Gray : Colors.SteelBlue,
        }).ToList();
        plot.Add.Bars(bars);
        plot.Title("Frame F1 per class (silence grey, left)");
        plot.XLabel("MIDI pitch");
        plot.YLabel("F1");
        plot.Axes.SetLimitsY(0, 1);
        plot.SavePng(path, 1000, 450);
    }

    public static void Reliability(string path, FrameMetrics m)
    {
        var plot = new Plot();
        var ideal = plot.Add.Line(0, 0, 1, 1);
        ideal.LinePattern = LinePattern.Dashed;
        ideal.LegendText = "perfect calibration";
        var used = m.ReliabilityBins.Where(b => b.Count > 0).ToArray();
        var measured = plot.Add.Scatter(used.Select(b => b.Confidence).ToArray(), used.Select(b => b.Accuracy).ToArray());
        measured.LegendText = $"frames (ECE {m.ExpectedCalibrationError:0.000})";
        plot.ShowLegend(Alignment.LowerRight);
        plot.Title("Reliability of the frame class (confidence = top probability)");
        plot.XLabel("confidence");
        plot.YLabel("accuracy");
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.SavePng(path, 600, 600);
    }

    /// <summary>Histograms of MC-dropout spread for frames (and notes) predicted right versus wrong.</summary>
    public static void Uncertainty(string path, IReadOnlyList<float> right, IReadOnlyList<float> wrong, string what)
    {
        var plot = new Plot();
        double top = Math.Max(1e-6, right.Concat(wrong).DefaultIfEmpty(0).Max());
        const int bins = 30;
        void Histogram(IReadOnlyList<float> values, Color color, string label)
        {
            var counts = new double[bins];
            foreach (float v in values) counts[Math.Min(bins - 1, (int)(v / top * bins))]++;
            double total = Math.Max(1, values.Count);
            var scatter = plot.Add.Scatter(Enumerable.Range(0, bins).Select(i => (i + 0.5) * top / bins).ToArray(), counts.Select(c => c / total).ToArray());
            scatter.Color = color;
            scatter.LegendText = $"{label} ({values.Count})";
        }
        Histogram(right, Colors.SteelBlue, "right");
        Histogram(wrong, Colors.OrangeRed, "wrong");
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title($"MC-dropout spread per {what}");
        plot.XLabel("std of the predicted class's probability over dropout passes");
        plot.YLabel($"share of {what}s");
        plot.SavePng(path, 900, 450);
    }
}
