using Audio2Midi.IO;
using Audio2Midi.Midi;

namespace Audio2Midi.Tests.Midi;

public class MidiRoundTripTests
{
    private static double TickSeconds(MidiWriteOptions options) => 60.0 / options.Bpm / options.Ppq;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void WrittenFilesPassNAudiosStrictReader(int format)
    {
        // A second reader as a check on the writer: NAudio in strict mode rejects unpaired notes,
        // events after end-of-track and chunk lengths that do not match their events.
        var notes = new List<MidiNote>();
        for (int i = 0; i < 50; i++)
            notes.Add(new MidiNote(i * 0.25, i * 0.25 + 0.25, 60 + i % 5, 90, i % 3));   // back to back, repeated pitches
        var bends = new List<MidiPitchBend> { new(0.25, 1000), new(0.5, -8192), new(0.75, 8191) };
        using var dir = new TempDirectory();
        string path = dir.File("strict.mid");
        MidiFileWriter.Write(path, notes, bends, new MidiWriteOptions { Format = format, Ppq = 480, Bpm = 120 });

        var file = new NAudio.Midi.MidiFile(path, strictChecking: true);
        Assert.Equal(format, file.FileFormat);
        Assert.Equal(format == 0 ? 1 : 2, file.Tracks);
        var ons = file.Events.SelectMany(t => t).OfType<NAudio.Midi.NoteOnEvent>().Where(e => e.Velocity > 0).ToList();
        Assert.Equal(notes.Count, ons.Count);
        Assert.All(ons, e => Assert.Equal(240, e.NoteLength));   // 0.25 s at 120 bpm, 480 ppq
        Assert.Equal(bends.Count, file.Events.SelectMany(t => t).OfType<NAudio.Midi.PitchWheelChangeEvent>().Count());
    }

    [Theory]
    [InlineData(0, 96)]
    [InlineData(1, 96)]
    [InlineData(0, 480)]
    [InlineData(1, 480)]
    [InlineData(1, 960)]
    [InlineData(0, 24)]
    public void ThousandNotesAtIrrationalTimesOverTenMinutesComeBackWithinOneTick(int format, int ppq)
    {
        // 1000 notes spread over ~10 minutes at times that never fall on a tick: a per-note rounding
        // that accumulated (the seed's bug) would put the last note many ticks off.
        var notes = new List<MidiNote>();
        for (int i = 0; i < 1000; i++)
        {
            double onset = i * 0.6001234567;
            double length = 0.1234567 * (1 + i % 4);
            notes.Add(new MidiNote(onset, onset + length, 36 + i % 60, 1 + i % 127, i % 16));
        }
        var options = new MidiWriteOptions { Format = format, Ppq = ppq, Bpm = 97.3 };

        using var dir = new TempDirectory();
        string path = dir.File("long.mid");
        MidiFileWriter.Write(path, notes, options: options);
        var content = MidiFileReader.Read(path);

        Assert.Equal(format, content.Format);
        Assert.Equal(ppq, content.Ppq);
        Assert.Empty(content.Warnings);
        Assert.Equal(notes.Count, content.Notes.Count);

        // The file stores whole microseconds per quarter: the tick length is that of the stored tempo.
        double tick = content.Tempo.Changes[0].MicrosecondsPerQuarter / 1e6 / ppq;
        Assert.Equal(TickSeconds(options), tick, 6);
        double tolerance = tick + 1e-9;

        // Notes were generated in onset order and onsets are well apart, so index i matches index i.
        for (int i = 0; i < notes.Count; i++)
        {
            var expected = notes[i];
            var actual = content.Notes[i];
            Assert.Equal(expected.Pitch, actual.Pitch);
            Assert.Equal(expected.Velocity, actual.Velocity);
            Assert.Equal(expected.Channel, actual.Channel);
            Assert.InRange(Math.Abs(actual.OnsetSeconds - expected.OnsetSeconds), 0, tolerance);
            Assert.InRange(Math.Abs(actual.OffsetSeconds - expected.OffsetSeconds), 0, tolerance);
        }

        double lastError = Math.Abs(content.Notes[^1].OffsetSeconds - notes[^1].OffsetSeconds);
        Assert.True(notes[^1].OffsetSeconds > 599, "the test must cover ten minutes");
        Assert.InRange(lastError, 0, tolerance);
        Assert.InRange(content.DurationSeconds, notes[^1].OffsetSeconds - tolerance, notes[^1].OffsetSeconds + tolerance);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void RepeatedSamePitchNotesBackToBackSurvive(int format)
    {
        // Each note ends exactly where the next starts: the note-off must be written before the note-on,
        // or the reader would pair the new note-on with the old note-off and lose a note.
        var notes = new List<MidiNote>();
        for (int i = 0; i < 8; i++)
            notes.Add(new MidiNote(i * 0.3333333, (i + 1) * 0.3333333, 60, 90));

        var bytes = WriteToBytes(notes, null, new MidiWriteOptions { Format = format });
        var content = MidiFileReader.Read(new MemoryStream(bytes), "repeat.mid");

        Assert.Empty(content.Warnings);
        Assert.Equal(8, content.Notes.Count);
        double tick = 0.5 / 480;
        for (int i = 0; i < 8; i++)
        {
            Assert.InRange(Math.Abs(content.Notes[i].OnsetSeconds - notes[i].OnsetSeconds), 0, tick);
            Assert.InRange(Math.Abs(content.Notes[i].OffsetSeconds - notes[i].OffsetSeconds), 0, tick);
            if (i > 0)
                Assert.Equal(content.Notes[i - 1].OffsetSeconds, content.Notes[i].OnsetSeconds);
        }
    }

    [Fact]
    public void PitchBendsRoundTrip()
    {
        var notes = new List<MidiNote> { new(0.1, 2.0, 64) };
        var bends = new List<MidiPitchBend>();
        int[] values = [0, -8192, 8191, 1, -1, 4096, -4097, 123];
        for (int i = 0; i < values.Length; i++)
            bends.Add(new MidiPitchBend(0.1 + i * 0.2123, values[i], i % 2 * 3));

        var options = new MidiWriteOptions { Ppq = 960, Bpm = 133 };
        var content = MidiFileReader.Read(new MemoryStream(WriteToBytes(notes, bends, options)), "bend.mid");

        Assert.Equal(bends.Count, content.PitchBends.Count);
        for (int i = 0; i < bends.Count; i++)
        {
            Assert.Equal(bends[i].Value, content.PitchBends[i].Value);
            Assert.Equal(bends[i].Channel, content.PitchBends[i].Channel);
            Assert.InRange(Math.Abs(content.PitchBends[i].Seconds - bends[i].Seconds), 0, TickSeconds(options));
        }
        Assert.Single(content.Notes);
    }

    [Fact]
    public void BendAtANoteOnIsWrittenBeforeIt()
    {
        var notes = new List<MidiNote> { new(1.0, 2.0, 60) };
        var bends = new List<MidiPitchBend> { new(1.0, 500) };
        byte[] bytes = WriteToBytes(notes, bends, new MidiWriteOptions { Format = 0 });
        int bend = IndexOf(bytes, [0xE0, 0x74, 0x43]); // 500 + 8192 = 0x21F4: LSB 0x74, MSB 0x43
        int noteOn = IndexOf(bytes, [0x90, 60]);
        Assert.True(bend >= 0 && noteOn > bend, "pitch bend must precede the note-on at the same tick");
    }

    [Fact]
    public void TempoAndTrackLayoutFollowTheOptions()
    {
        var notes = new List<MidiNote> { new(0, 1, 60) };
        var format1 = MidiFileReader.Read(new MemoryStream(WriteToBytes(notes, null, new MidiWriteOptions { Bpm = 100, Ppq = 192 })), "f1.mid");
        Assert.Equal([(0L, 600_000)], format1.Tempo.Changes);
        Assert.Equal(192, format1.Tempo.Ppq);

        byte[] f0 = WriteToBytes(notes, null, new MidiWriteOptions { Format = 0 });
        byte[] f1 = WriteToBytes(notes, null, new MidiWriteOptions { Format = 1 });
        Assert.Equal(1, CountChunks(f0, "MTrk"u8));
        Assert.Equal(2, CountChunks(f1, "MTrk"u8));
        Assert.True(IndexOf(f1, "Audio2Midi"u8.ToArray()) > 0, "track name is written");
    }

    [Fact]
    public void VelocityIsClampedAndZeroLengthNotesLastOneTick()
    {
        var notes = new List<MidiNote> { new(0, 0.5, 60, 0), new(0.5, 1, 61, 300), new(1, 1, 62) };
        var content = MidiFileReader.Read(new MemoryStream(WriteToBytes(notes, null, new MidiWriteOptions())), "v.mid");
        Assert.Equal([1, 127, 100], content.Notes.Select(n => n.Velocity));
        Assert.Equal(1 + 0.5 / 480, content.Notes[2].OffsetSeconds, 9);
    }

    [Fact]
    public void InvalidNotesAreProgrammingErrorsAndWriteNothing()
    {
        using var dir = new TempDirectory();
        string path = dir.File("bad.mid");
        Assert.Throws<ArgumentOutOfRangeException>(() => MidiFileWriter.Write(path, [new MidiNote(0, 1, 128)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MidiFileWriter.Write(path, [new MidiNote(0, 1, -1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MidiFileWriter.Write(path, [new MidiNote(0, 1, 60, 100, 16)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MidiFileWriter.Write(path, [new MidiNote(1, 0.5, 60)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MidiFileWriter.Write(path, [new MidiNote(double.NaN, 1, 60)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MidiFileWriter.Write(path, [], [new MidiPitchBend(0, 8192)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MidiFileWriter.Write(path, [], null, new MidiWriteOptions { Format = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MidiFileWriter.Write(path, [], null, new MidiWriteOptions { Ppq = 0x8000 }));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void WritingReplacesAnExistingFileAndLeavesNoTempFiles()
    {
        using var dir = new TempDirectory();
        string path = dir.File("out.mid");
        File.WriteAllText(path, "old content");
        MidiFileWriter.Write(path, [new MidiNote(0, 1, 60)]);
        Assert.Equal(["out.mid"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        Assert.Single(MidiFileReader.Read(path).Notes);
    }

    [Fact]
    public void WritingIntoAMissingDirectoryIsAFileError()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "missing", "out.mid");
        var ex = Assert.Throws<AudioFileException>(() => MidiFileWriter.Write(path, [new MidiNote(0, 1, 60)]));
        Assert.Equal(path, ex.FilePath);
    }

    private static byte[] WriteToBytes(IReadOnlyList<MidiNote> notes, IReadOnlyList<MidiPitchBend>? bends, MidiWriteOptions options)
    {
        using var stream = new MemoryStream();
        MidiFileWriter.Write(stream, notes, bends, options);
        return stream.ToArray();
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    private static int CountChunks(byte[] file, ReadOnlySpan<byte> id)
    {
        int count = 0;
        for (int i = 0; i + id.Length <= file.Length; i++)
            if (file.AsSpan(i, id.Length).SequenceEqual(id)) count++;
        return count;
    }
}
