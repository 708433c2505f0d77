using Audio2Midi.Features;
using Audio2Midi.Labels;
using ScottPlot;

namespace Audio2Midi.Training.Plots;

/// <summary>A window of log-CQT frames as a heat map (time across, bin pitch up), with the labelled notes drawn over it as boxes.</summary>
public static class CqtWindowPlot
{
    /// <param name="features">Row-major [frames x bins] log-CQT in dB (not normalised), the frames to draw.</param>
    /// <param name="labels">Labels of the same frames (frame 0 = the window's first frame), or null.</param>
    public static void Save(string path, ReadOnlySpan<float> features, int frames, CqtSettings cqt, FrameLabels? labels, double startSeconds, string title)
    {
        int bins = cqt.BinCount;
        var data = new double[bins, frames];
        for (int f = 0; f < frames; f++)
            for (int b = 0; b < bins; b++)
                data[bins - 1 - b, f] = features[f * bins + b];
        var plot = new Plot();
        double frameSeconds = 1.0 / cqt.FramesPerSecond;
        double halfBin = 6.0 / cqt.BinsPerOctave;
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Extent = new CoordinateRect(startSeconds - frameSeconds / 2, startSeconds + (frames - 0.5) * frameSeconds, cqt.BinMidi(0) - halfBin, cqt.BinMidi(bins - 1) + halfBin);
        plot.Add.ColorBar(heatmap).Label = "dB (full-scale sine = 0)";
        if (labels is not null)
            foreach ((int pitch, int first, int end) in Segments(labels, frames))
            {
                var box = plot.Add.Rectangle(startSeconds + (first - 0.5) * frameSeconds, startSeconds + (end - 0.5) * frameSeconds, pitch - 0.5, pitch + 0.5);
                box.FillStyle.Color = Colors.Transparent;
                box.LineStyle.Color = Colors.Red;
                box.LineStyle.Width = 2;
            }
        plot.Title(title);
        plot.XLabel("time (s)");
        plot.YLabel("pitch (MIDI number; 60 = middle C)");
        plot.Axes.SetLimits(startSeconds, startSeconds + frames * frameSeconds, cqt.BinMidi(0), cqt.BinMidi(bins - 1));
        plot.SavePng(path, 1200, 700);
    }

    /// <summary>Runs of active frames per pitch: (pitch, first frame, end frame exclusive); onsets split runs.</summary>
    private static IEnumerable<(int Pitch, int First, int End)> Segments(FrameLabels labels, int frames)
    {
        int pitches = labels.PitchCount;
        for (int p = 0; p < pitches; p++)
        {
            int start = -1;
            for (int f = 0; f <= frames; f++)
            {
                bool active = f < frames && labels.Frame[f * pitches + p] != 0;
                bool onset = f < frames && labels.Onset[f * pitches + p] != 0;
                if (start >= 0 && (!active || onset)) { yield return (labels.Settings.MinPitch + p, start, f); start = -1; }
                if (active && start < 0) start = f;
            }
        }
    }
}
