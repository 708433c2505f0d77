using Audio2Midi.Midi;

namespace Audio2Midi.Training.Datasets;

/// <summary>What validation found for one pair, and the audio and (possibly corrected) notes it was imported with.</summary>
public sealed class PairReport(RecordingPair pair)
{
    public RecordingPair Pair { get; } = pair;
    public List<PairProblem> Problems { get; } = [];
    public bool Included => !Problems.Any(p => p.Excludes);
    public int SourceRate { get; set; }
    public double DurationSeconds { get; set; }
    public SplitName Split { get; set; }
    public int Frames { get; set; }
    public OctaveCheckResult? OctaveCheck { get; set; }
    /// <summary>Semitones added to every label (the octave fix), 0 when none.</summary>
    public int LabelShift { get; set; }
    public IReadOnlyList<MidiNote> Notes { get; set; } = [];
    public float[] Mono { get; set; } = [];

    public void Add(PairProblemKind kind, bool excludes, string message) => Problems.Add(new PairProblem(kind, excludes, message));
}
