namespace Audio2Midi.Training.Evaluation;

/// <summary>
/// A reference note paired with an estimated note by a metric's matching. The indices refer to the
/// note lists as the scorer normalised them (<see cref="NoteScores.Reference"/> and
/// <see cref="NoteScores.Estimate"/>: sorted, zero-length notes stretched).
/// </summary>
public readonly record struct NoteMatch(int ReferenceIndex, int EstimateIndex, ScoredNote Reference, ScoredNote Estimate)
{
    /// <summary>Estimated onset minus reference onset, in seconds.</summary>
    public double OnsetError => Estimate.Onset - Reference.Onset;
}
