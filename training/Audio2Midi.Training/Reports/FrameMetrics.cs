namespace Audio2Midi.Training.Reports;

/// <summary>Confusion matrix, per-class precision/recall/F1, and calibration (reliability bins, ECE) of frame predictions.</summary>
public sealed class FrameMetrics
{
    private FrameMetrics(long[,] confusion, (double Precision, double Recall, double F1, long Support)[] perClass, (double Confidence, double Accuracy, long Count)[] bins, double ece, double accuracy)
    {
        Confusion = confusion;
        PerClass = perClass;
        ReliabilityBins = bins;
        ExpectedCalibrationError = ece;
        Accuracy = accuracy;
    }

    /// <summary>[true class, predicted class].</summary>
    public long[,] Confusion { get; }
    public (double Precision, double Recall, double F1, long Support)[] PerClass { get; }
    public (double Confidence, double Accuracy, long Count)[] ReliabilityBins { get; }
    public double ExpectedCalibrationError { get; }
    public double Accuracy { get; }

    public static FrameMetrics From(FramePredictions p, int calibrationBins = 10)
    {
        int n = p.Classes;
        var confusion = new long[n, n];
        var binConfidence = new double[calibrationBins];
        var binCorrect = new long[calibrationBins];
        var binCount = new long[calibrationBins];
        long correct = 0;
        for (int f = 0; f < p.Truth.Count; f++)
        {
            int predicted = p.Predicted(f), truth = p.Truth[f];
            confusion[truth, predicted]++;
            double confidence = p.Probabilities[f][predicted];
            int b = Math.Min(calibrationBins - 1, (int)(confidence * calibrationBins));
            binConfidence[b] += confidence;
            binCount[b]++;
            if (predicted == truth) { binCorrect[b]++; correct++; }
        }
        var perClass = new (double, double, double, long)[n];
        for (int k = 0; k < n; k++)
        {
            long tp = confusion[k, k], predictedK = 0, actualK = 0;
            for (int j = 0; j < n; j++) { predictedK += confusion[j, k]; actualK += confusion[k, j]; }
            double precision = predictedK > 0 ? (double)tp / predictedK : 0, recall = actualK > 0 ? (double)tp / actualK : 0;
            perClass[k] = (precision, recall, precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0, actualK);
        }
        long total = Math.Max(1, p.Truth.Count);
        var bins = new (double, double, long)[calibrationBins];
        double ece = 0;
        for (int b = 0; b < calibrationBins; b++)
        {
            double conf = binCount[b] > 0 ? binConfidence[b] / binCount[b] : (b + 0.5) / calibrationBins;
            double acc = binCount[b] > 0 ? (double)binCorrect[b] / binCount[b] : 0;
            bins[b] = (conf, acc, binCount[b]);
            ece += (double)binCount[b] / total * Math.Abs(acc - conf);
        }
        return new FrameMetrics(confusion, perClass, bins, ece, (double)correct / total);
    }
}
