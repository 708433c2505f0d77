namespace Audio2Midi.Training.Learning;

/// <summary>One row of log.csv.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double ValidationLoss, double FrameF1, double OnsetF1, double LearningRate, double Seconds)
{
    public const string Header = "epoch,train_loss,validation_loss,validation_frame_f1,validation_onset_f1,learning_rate,seconds";

    public string ToCsv() => string.Join(',', Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        F(TrainLoss), F(ValidationLoss), F(FrameF1), F(OnsetF1), F(LearningRate), F(Seconds));

    public static EpochRecord Parse(string line)
    {
        string[] c = line.Split(',');
        if (c.Length < 7) throw new FormatException($"log.csv row has {c.Length} columns, expected 7: {line}");
        double D(int i) => double.Parse(c[i], System.Globalization.CultureInfo.InvariantCulture);
        return new EpochRecord(int.Parse(c[0], System.Globalization.CultureInfo.InvariantCulture), D(1), D(2), D(3), D(4), D(5), D(6));
    }

    public static IReadOnlyList<EpochRecord> ReadLog(string path) =>
        File.Exists(path) ? File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(Parse).ToList() : [];

    private static string F(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}
