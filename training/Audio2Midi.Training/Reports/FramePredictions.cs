using Audio2Midi.Models;
using Audio2Midi.Training.Datasets;
using Audio2Midi.Training.Learning;
using Audio2Midi.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Audio2Midi.Training.Reports;

/// <summary>
/// A trained network's frame-level predictions over one split: per frame the true class (0..P-1 = pitch, P =
/// silence), the class probabilities, and, from Monte-Carlo dropout (dropout left on, several passes), the spread of
/// the predicted class's probability. A live network runs over each whole recording as it would stream; a windowed
/// one over the windows it was trained on.
/// </summary>
public sealed class FramePredictions
{
    public required int Classes { get; init; }
    public required int MinPitch { get; init; }
    public required List<int> Truth { get; init; }
    public required List<float[]> Probabilities { get; init; }
    /// <summary>Per frame: standard deviation over the dropout passes of the probability of the class the plain pass predicts.</summary>
    public required List<float> Uncertainty { get; init; }
    /// <summary>Per reference note: (recording, first frame, frames, true class).</summary>
    public required List<(string Recording, int First, int Frames, int Class)> Notes { get; init; }
    /// <summary>Index of each recording's first frame in the lists.</summary>
    public required Dictionary<string, int> RecordingStart { get; init; }

    public int Silence => Classes - 1;

    public int Predicted(int frame)
    {
        float[] p = Probabilities[frame];
        int best = 0;
        for (int k = 1; k < p.Length; k++) if (p[k] > p[best]) best = k;
        return best;
    }

    public static FramePredictions Compute(TrainedRun run, TrainingData data, int dropoutPasses, IProgress<string>? progress = null)
    {
        PosteriorLayout layout = run.Layout;
        int p = layout.Pitches;
        var truth = new List<int>();
        var probabilities = new List<float[]>();
        var uncertainty = new List<float>();
        var notes = new List<(string, int, int, int)>();
        var starts = new Dictionary<string, int>();
        nn.Module<Tensor, Tensor> module = run.Network.Module;
        int window = run.Network.Streams ? int.MaxValue : run.Options.CropFrames;
        foreach ((_, IReadOnlyList<LoadedRecording> recordings) in data.Sets)
            foreach (LoadedRecording r in recordings)
            {
                progress?.Report(r.Name);
                starts[r.Name] = truth.Count;
                var features = (float[])r.Features.Clone();
                data.Features.Normalization!.Apply(features);
                for (int start = 0; start < r.Frames; start += Math.Min(window, r.Frames))
                {
                    int frames = Math.Min(window, r.Frames - start);
                    // A windowed network takes its whole window: the last, shorter piece is padded with zeros (the mean).
                    int fed = run.Network.Streams ? frames : window;
                    float[] plain = Classify(module, features, start, frames, fed, data.Bins, layout, dropout: false);
                    var passes = new float[dropoutPasses][];
                    for (int i = 0; i < dropoutPasses; i++) passes[i] = Classify(module, features, start, frames, fed, data.Bins, layout, dropout: true);
                    for (int t = 0; t < frames; t++)
                    {
                        var probs = plain.AsSpan(t * (p + 1), p + 1).ToArray();
                        probabilities.Add(probs);
                        int best = Array.IndexOf(probs, probs.Max());
                        double mean = passes.Average(q => q[t * (p + 1) + best]);
                        double variance = passes.Length > 1 ? passes.Sum(q => Math.Pow(q[t * (p + 1) + best] - mean, 2)) / (passes.Length - 1) : 0;
                        uncertainty.Add((float)Math.Sqrt(variance));
                    }
                }
                for (int t = 0; t < r.Frames; t++)
                {
                    int cls = p;
                    for (int k = 0; k < p; k++) if (r.Frame[t * p + k] != 0) { cls = k; break; }
                    truth.Add(cls);
                }
                // Reference notes: runs of one pitch starting at an onset (or at a change of pitch).
                int first = -1;
                for (int t = 0; t <= r.Frames; t++)
                {
                    int cls = t < r.Frames ? truth[starts[r.Name] + t] : p;
                    bool onset = t < r.Frames && Enumerable.Range(0, p).Any(k => r.Onset[t * p + k] != 0);
                    int previous = first >= 0 ? truth[starts[r.Name] + first] : p;
                    if (first >= 0 && (cls != previous || onset))
                    {
                        notes.Add((r.Name, first, t - first, previous));
                        first = -1;
                    }
                    if (first < 0 && cls != p) first = t;
                }
            }
        module.eval();
        return new FramePredictions { Classes = p + 1, MinPitch = layout.MinPitch, Truth = truth, Probabilities = probabilities, Uncertainty = uncertainty, Notes = notes, RecordingStart = starts };
    }

    /// <summary>[frames x (P + 1)] class probabilities (pitches, then silence) of one stretch of frames.</summary>
    private static float[] Classify(nn.Module<Tensor, Tensor> module, float[] features, int start, int frames, int fed, int bins, PosteriorLayout layout, bool dropout)
    {
        if (dropout) module.train(); else module.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var input = new float[fed * bins];
        features.AsSpan(start * bins, frames * bins).CopyTo(input);
        Tensor x = torch.tensor(input, [1, fed, bins]);
        return PosteriorHead.ClassLogits(module.forward(x), layout).softmax(-1).data<float>().ToArray()[..(frames * (layout.Pitches + 1))];
    }
}
