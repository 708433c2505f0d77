namespace Audio2Midi.Training.Evaluation;

/// <summary>Precision, recall and F1 of one note metric, and how many notes the matching paired.</summary>
public readonly record struct PrecisionRecallF1(double Precision, double Recall, double F1, int Matched)
{
    /// <summary>
    /// mir_eval's definition: 0 for everything when either list is empty; F1 is 0 when precision and
    /// recall are both 0, else 2PR/(P+R) (mir_eval.util.f_measure with beta = 1).
    /// </summary>
    public static PrecisionRecallF1 From(int matched, int referenceCount, int estimateCount)
    {
        if (referenceCount == 0 || estimateCount == 0)
            return new PrecisionRecallF1(0, 0, 0, 0);
        double p = (double)matched / estimateCount;
        double r = (double)matched / referenceCount;
        double f = p == 0 && r == 0 ? 0.0 : (1 + 1.0) * p * r / (1.0 * p + r);
        return new PrecisionRecallF1(p, r, f, matched);
    }
}
