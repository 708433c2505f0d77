namespace Audio2Midi.Training.Evaluation;

/// <summary>
/// Everything <see cref="NoteScorer.Score"/> measures about an estimated note list against a reference
/// (DESIGN.md 6), with the matchings the metrics counted.
/// </summary>
/// <param name="Reference">The reference notes as scored: sorted, zero-length notes stretched (see <see cref="NoteScorer"/>).</param>
/// <param name="Estimate">The estimated notes as scored, normalised the same way.</param>
/// <param name="ReferenceStretched">Reference notes shorter than 1 ms that were stretched to 1 ms.</param>
/// <param name="EstimateStretched">Estimated notes shorter than 1 ms that were stretched to 1 ms.</param>
/// <param name="COnPOff">Onset within 50 ms, pitch within 50 cents, offset within max(20 % of the reference note, 50 ms).</param>
/// <param name="COnPOffAverageOverlap">mir_eval's average overlap ratio of the COnPOff-matched pairs (0 when none).</param>
/// <param name="COnP">Onset within 50 ms and pitch within 50 cents; offsets ignored.</param>
/// <param name="COn">Onset within 50 ms; pitch and offset ignored.</param>
/// <param name="COnPOffMatches">The pairs the COnPOff matching made, by reference index.</param>
/// <param name="COnPMatches">The pairs the COnP matching made, by reference index.</param>
/// <param name="COnMatches">The pairs the COn matching made, by reference index.</param>
/// <param name="OnsetErrors">Onset error of the COnP-matched notes: mean |est−ref|, mean est−ref, and the latency figures (median, 95th percentile).</param>
/// <param name="COnOnsetErrors">Onset error of the COn-matched notes (useful when pitch is often wrong).</param>
public sealed record NoteScores(
    IReadOnlyList<ScoredNote> Reference,
    IReadOnlyList<ScoredNote> Estimate,
    int ReferenceStretched,
    int EstimateStretched,
    PrecisionRecallF1 COnPOff,
    double COnPOffAverageOverlap,
    PrecisionRecallF1 COnP,
    PrecisionRecallF1 COn,
    IReadOnlyList<NoteMatch> COnPOffMatches,
    IReadOnlyList<NoteMatch> COnPMatches,
    IReadOnlyList<NoteMatch> COnMatches,
    OnsetErrorStats OnsetErrors,
    OnsetErrorStats COnOnsetErrors)
{
    public int ReferenceCount => Reference.Count;
    public int EstimateCount => Estimate.Count;
}
