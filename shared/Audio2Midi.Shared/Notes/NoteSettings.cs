namespace Audio2Midi.Notes;

/// <summary>
/// Note segmentation and MIDI mapping settings (how long each rule waits before it decides is the
/// engine's, not the user's: <see cref="DecisionTimings"/>). The plugin changes these live (between blocks, on the
/// audio thread); the segmenter reads them every frame, so a change takes effect at the next frame.
/// Times are in milliseconds so that they mean the same at every internal rate and hop.
/// </summary>
public sealed class NoteSettings
{
    /// <summary>0..1: higher starts notes on quieter, breathier singing (lower level gate and voicing threshold).</summary>
    public double Sensitivity { get; set; } = 0.5;

    /// <summary>
    /// Largest pitch spread (semitones) among the confirming frames that still counts as steady. Small on
    /// purpose: the slide of a glide between notes must not be taken for a note of its own.
    /// </summary>
    public double SteadySpreadSemitones { get; set; } = 0.25;

    /// <summary>
    /// A note is not started while its pitch still slides faster than this (semitones per second):
    /// singers scoop into notes, and the pitch on the way is not the note. Vibrato stays below ~15.
    /// </summary>
    public double MaxOnsetSlideSemitonesPerSecond { get; set; } = 15;

    /// <summary>How far (semitones) from the note's running centre the pitch must move to start a legato change.</summary>
    public double PitchChangeSemitones { get; set; } = 0.7;

    /// <summary>Moves smaller than this (semitones) need twice <see cref="DecisionTimings.PitchChangeConfirmMs"/>: vibrato peaks look like small steps for a moment.</summary>
    public double ClearChangeSemitones { get; set; } = 1.0;

    /// <summary>An apparent jump of an octave must last this long before it is believed (octave errors are brief).</summary>
    public double OctaveJumpConfirmMs { get; set; } = 80;

    /// <summary>Level fall (dB below the note's peak) that lets a short unvoiced stretch end the note.</summary>
    public double ReleaseLevelDropDb { get; set; } = 6;

    /// <summary>
    /// How long pitch may be lost while the level stays up (an unvoiced consonant, a tracker glitch)
    /// before the note ends anyway.
    /// </summary>
    public double UnvoicedHoldMs { get; set; } = 60;

    /// <summary>
    /// For this long after a NoteOn, a steady pitch on another semitone replaces the note at once
    /// (a scoop into the note fooled the onset): correctness over hysteresis while the note is young.
    /// </summary>
    public double EarlyCorrectionMs { get; set; } = 100;

    /// <summary>A note whose centre has sat on another semitone this long is replaced, live too.</summary>
    public double StuckNoteMs { get; set; } = 150;

    /// <summary>Notes are never shorter than this: a NoteOff or legato change before it waits, and a note that still proves shorter is dropped where it has not been heard yet (offline, or within the Latency budget).</summary>
    public double MinNoteMs { get; set; } = 40;

    /// <summary>A fall of this many dB below the note's peak ends the note even if pitch is still found.</summary>
    public double ReleaseDropDb { get; set; } = 30;

    /// <summary>A dip of at least this many dB followed by a rise of <see cref="ReattackRiseDb"/> re-attacks the same pitch.</summary>
    public double ReattackDipDb { get; set; } = 12;

    public double ReattackRiseDb { get; set; } = 8;

    /// <summary>pYIN voiced probability below which a sounding note counts as articulating (consonant, glottal stop).</summary>
    public double ArticulationDipProbability { get; set; } = 0.5;

    /// <summary>Shortest articulation dip that starts a new note on the same pitch (shorter ones are tracker noise).</summary>
    public double ArticulationMinMs { get; set; } = 10;

    /// <summary>Level the articulation dip must lose (dB) to count: tracker glitches keep the level, consonants do not.</summary>
    public double ArticulationDropDb { get; set; } = 3;

    /// <summary>Semitones added to every note (after snapping).</summary>
    public int Transpose { get; set; }

    /// <summary>MIDI channel 0..15 (shown to users as 1..16).</summary>
    public int Channel { get; set; }

    public VelocityMode VelocityMode { get; set; } = VelocityMode.Loudness;

    public int FixedVelocity { get; set; } = 100;

    public bool PitchBendEnabled { get; set; }

    /// <summary>Pitch bend range of the receiving synth, in semitones (2 is the General MIDI default).</summary>
    public double PitchBendRangeSemitones { get; set; } = 2;

    public Scale Scale { get; set; } = Scale.Chromatic;

    /// <summary>
    /// Round sung pitches to notes relative to the singer's own tuning (followed over the last seconds)
    /// instead of A = 440 Hz. Pitch bend, when on, still carries the exact sung pitch. Off by default: a note is named
    /// by the pitch that was sung, as human labels of sung pitch name it (hust-solfege validation split, COnP F1 with
    /// A440 / following: pYIN 0.372 / 0.350 at Instant, 0.487 / 0.479 at 60 ms, 0.658 / 0.627 offline; the f0 note
    /// model 0.398 / 0.376, 0.532 / 0.507, 0.662 / 0.625). Following names what a detuned a-cappella singer means.
    /// </summary>
    public bool AutoTuning { get; set; }

    /// <summary>Key of the scale as a pitch class (0 = C ... 11 = B).</summary>
    public int Key { get; set; }

    /// <summary>Level gate in dBFS implied by <see cref="Sensitivity"/>: -40 dB at 0, -70 dB at 1.</summary>
    public double LevelGateDb => -40 - 30 * Math.Clamp(Sensitivity, 0, 1);

    /// <summary>Smallest pYIN voiced probability that may start a note: 0.5 at sensitivity 0, 0.1 at 1.</summary>
    public double MinVoicedProbability => 0.5 - 0.4 * Math.Clamp(Sensitivity, 0, 1);

    public NoteSettings Clone() => (NoteSettings)MemberwiseClone();
}
