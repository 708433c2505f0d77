using Audio2Midi.Engine;
using Audio2Midi.Notes;
using Audio2Midi.Pitch;

namespace Audio2Midi.Placement;

/// <summary>
/// What the pYIN engine does with a Latency step's budget D. Every rule dates what it decides back to
/// where its evidence began, so within D the engine can wait for more evidence at no cost in placement:
/// longer confirmations (<see cref="Timings"/>), a note moving to the semitone it settles on while it is
/// still unheard (<see cref="SettleWithinMs"/>), and, in the placement stage, notes struck out that prove
/// too short or are replaced before anyone heard them.
/// </summary>
/// <param name="DelayMs">D, the step in milliseconds (offline transcription runs the longest step).</param>
/// <param name="DecoderLagFrames">Frames (5 ms) the pitch decoder waits: 0 at every step (`--decoder-lag` sets it for measurements).</param>
/// <param name="SettleWithinMs">How long after its sung start a note may still move to where its pitch settles.</param>
/// <param name="Timings">How long each note rule waits before deciding.</param>
public sealed record LatencyProfile(int DelayMs, int DecoderLagFrames, double SettleWithinMs, DecisionTimings Timings)
{
    /// <summary>
    /// The timings for a budget of <paramref name="delayMs"/>: rules that wait for a steady pitch instead of
    /// predicting where a scoop comes to rest, legato changes confirmed over 30 ms, and from 120 ms on
    /// onsets confirmed over 25 ms. That is what real singing (hust-solfege) rewarded once a budget pays
    /// for the wait; the synthetic takes, whose scoops are the predictor's own model, preferred the
    /// prediction (docs/plugin.md, "Latency"). Instant keeps the fast timings.
    /// </summary>
    public static DecisionTimings Budgeted(int delayMs) => new()
    {
        ApproachStepRatio = 0,
        LegatoConfirmMs = 30,
        PitchChangeConfirmMs = 30,
        OnsetConfirmMs = delayMs >= 120 ? 25 : 15,
    };

    /// <summary>The profile of a Latency step (<see cref="LatencySteps"/>).</summary>
    public static LatencyProfile ForStep(int delayMs)
    {
        if (delayMs < 0) throw new ArgumentOutOfRangeException(nameof(delayMs), delayMs, "a latency step is 0 or more milliseconds");
        return delayMs == 0
            ? new LatencyProfile(0, 0, 0, DecisionTimings.Instant)
            : new LatencyProfile(delayMs, 0, delayMs, Budgeted(delayMs));
    }

    /// <summary>The pYIN engine this profile describes (allocates: never on the audio thread).</summary>
    public PyinNoteEngine CreatePyin(double hostSampleRate, PyinSettings pyin, NoteSettings settings) =>
        new(hostSampleRate, pyin with { DecoderLagFrames = DecoderLagFrames }, settings, SettleWithinMs, Timings);
}
