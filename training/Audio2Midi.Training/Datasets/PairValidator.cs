using Audio2Midi.Dsp;
using Audio2Midi.IO;
using Audio2Midi.Midi;

namespace Audio2Midi.Training.Datasets;

/// <summary>
/// Reads and checks one (wav, mid) pair: readable files, notes present, MIDI not longer than the audio, the
/// folder's common sample rate, and the labels' octave against the pYIN pitch of the singing.
/// </summary>
public static class PairValidator
{
    public static PairReport Validate(RecordingPair pair, int commonRate, int internalRate, ImportOptions options)
    {
        var report = new PairReport(pair);
        float[] mono;
        int rate;
        try
        {
            mono = WavFile.ReadMono(pair.WavPath, out rate);
        }
        catch (Exception e) when (e is AudioFileException or IOException or UnauthorizedAccessException)
        {
            report.Add(PairProblemKind.UnreadableAudio, true, $"{pair.WavPath}: cannot read the audio: {e.Message}");
            return report;
        }
        MidiFileContent midi;
        try
        {
            midi = MidiFileReader.Read(pair.MidPath);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or FormatException or AudioFileException)
        {
            report.Add(PairProblemKind.UnreadableMidi, true, $"{pair.MidPath}: cannot read the MIDI file: {e.Message}");
            return report;
        }
        foreach (string warning in midi.Warnings)
            report.Add(PairProblemKind.MidiWarning, false, $"{pair.MidPath}: {warning}");
        report.SourceRate = rate;
        report.DurationSeconds = mono.Length / (double)rate;
        if (rate != commonRate)
            report.Add(PairProblemKind.SampleRateMismatch, false, $"{pair.WavPath}: {rate} Hz while most files in the folder are {commonRate} Hz (resampled to {internalRate} Hz like the rest)");
        if (midi.Notes.Count == 0)
        {
            report.Add(PairProblemKind.EmptyMidi, true, $"{pair.MidPath}: holds no notes");
            return report;
        }
        double lastOffset = midi.Notes.Max(n => n.OffsetSeconds);
        if (lastOffset > report.DurationSeconds + options.LengthToleranceSeconds)
        {
            bool nothingInside = midi.Notes.All(n => n.OnsetSeconds >= report.DurationSeconds);
            report.Add(PairProblemKind.MidiLongerThanAudio, nothingInside,
                $"{pair.MidPath}: notes run to {lastOffset:0.###} s but {pair.WavPath} lasts {report.DurationSeconds:0.###} s"
                + (nothingInside ? " and no note starts inside the audio" : " (labels cut at the audio's end)"));
            if (nothingInside) return report;
        }
        report.Mono = OfflineResampler.Resample(mono, rate, internalRate);
        IReadOnlyList<MidiNote> notes = midi.Notes;
        OctaveCheckResult check = internalRate == 16000 ? OctaveCheck.Run(report.Mono, notes) : OctaveCheck.Run(OfflineResampler.Resample(mono, rate, 16000), notes);
        report.OctaveCheck = check;
        if (check.VoiceMinusLabel != 0)
        {
            string where = check.VoiceMinusLabel < 0 ? "above" : "below";
            string found = $"{pair.MidPath}: labels sit {Math.Abs(check.VoiceMinusLabel)} semitones {where} the sung pitch ({check.AgreeingShare:P0} of {check.NotesCompared} notes agree with that offset, {check.ShareAtZero:P0} with the labels as they are)";
            if (options.FixOctave)
            {
                notes = notes.Select(n => n with { Pitch = n.Pitch + check.VoiceMinusLabel }).Where(n => n.Pitch is >= 0 and <= 127).ToList();
                report.LabelShift = check.VoiceMinusLabel;
                report.Add(PairProblemKind.OctaveOffset, false, $"{found}; fixed: {check.VoiceMinusLabel:+0;-0} semitones applied in the cache (the .mid is unchanged)");
            }
            else if (options.KeepOctaveOffset)
                report.Add(PairProblemKind.OctaveOffset, false, $"{found}; kept as is (--keep-octave-offset)");
            else
                report.Add(PairProblemKind.OctaveOffset, true, $"{found}; left out: rerun with --fix-octave to shift its labels by {check.VoiceMinusLabel:+0;-0}, or --keep-octave-offset to import it unchanged");
        }
        else if (check.NotesCompared >= 5 && check.ShareAtZero < 0.5)
        {
            report.Add(PairProblemKind.PitchDisagreement, false, $"{pair.MidPath}: only {check.ShareAtZero:P0} of {check.NotesCompared} notes match the sung pitch within a semitone (no constant octave offset found)");
        }
        report.Notes = notes;
        return report;
    }
}
