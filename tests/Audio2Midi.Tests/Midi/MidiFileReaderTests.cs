using Audio2Midi.Midi;

namespace Audio2Midi.Tests.Midi;

/// <summary>Hand-built files for the parts of the format the writer never produces.</summary>
public class MidiFileReaderTests
{
    private static MidiFileContent Read(byte[] bytes) => MidiFileReader.Read(new MemoryStream(bytes), "test.mid");

    // PPQ 96 at the default 120 BPM: one tick = 1/192 s, so 0x60 (96 ticks) = 0.5 s.
    private const int Ppq96 = 96;

    [Fact]
    public void RunningStatusAndVelocityZeroNoteOffs()
    {
        byte[] file = MidiBytes.File(0, Ppq96,
        [
            0x00, 0x90, 60, 100,   // note-on 60
            0x60, 62, 80,          // running status: note-on 62 at 0.5 s
            0x60, 60, 0,           // running status, velocity 0 = note-off 60 at 1.0 s
            0x00, 62, 0,           // note-off 62 at 1.0 s
            .. MidiBytes.EndOfTrack,
        ]);
        var content = Read(file);

        Assert.Empty(content.Warnings);
        Assert.Equal([new MidiNote(0, 1.0, 60, 100), new MidiNote(0.5, 1.0, 62, 80)], content.Notes);
        Assert.Equal(1.0, content.DurationSeconds, 12);
    }

    [Fact]
    public void RunningStatusSurvivesMetaAndOtherChannelMessages()
    {
        byte[] file = MidiBytes.File(0, Ppq96,
        [
            0x00, 0x91, 64, 90,                      // note-on on channel 1
            0x00, 0xFF, 0x01, 0x03, (byte)'a', (byte)'b', (byte)'c', // text meta, skipped
            0x60, 64, 0,                             // running status 0x91 still applies
            0x00, 0xC1, 5,                           // program change: one data byte
            0x00, 0xB1, 7, 100,                      // control change: two data bytes
            0x00, 0xD1, 30,                          // channel pressure: one data byte
            0x00, 0xA1, 64, 30,                      // poly pressure: two data bytes
            .. MidiBytes.EndOfTrack,
        ]);
        var content = Read(file);
        Assert.Equal([new MidiNote(0, 0.5, 64, 90, 1)], content.Notes);
    }

    [Fact]
    public void NoteOffWithVelocityStillEndsTheNote()
    {
        byte[] file = MidiBytes.File(0, Ppq96, [0x00, 0x90, 72, 50, 0x60, 0x80, 72, 64, .. MidiBytes.EndOfTrack]);
        Assert.Equal([new MidiNote(0, 0.5, 72, 50)], Read(file).Notes);
    }

    [Fact]
    public void OverlappingSamePitchNotesPairFirstInFirstOut()
    {
        byte[] file = MidiBytes.File(0, Ppq96,
        [
            0x00, 0x90, 60, 10,
            0x60, 0x90, 60, 20,
            0x60, 0x80, 60, 0,
            0x60, 0x80, 60, 0,
            .. MidiBytes.EndOfTrack,
        ]);
        var content = Read(file);
        Assert.Empty(content.Warnings);
        Assert.Equal([new MidiNote(0, 1.0, 60, 10), new MidiNote(0.5, 1.5, 60, 20)], content.Notes);
    }

    [Fact]
    public void SamePitchOnDifferentChannelsPairsSeparately()
    {
        byte[] file = MidiBytes.File(0, Ppq96,
        [
            0x00, 0x90, 60, 10,
            0x00, 0x93, 60, 20,
            0x60, 0x83, 60, 0,
            0x60, 0x80, 60, 0,
            .. MidiBytes.EndOfTrack,
        ]);
        var content = Read(file);
        Assert.Equal([new MidiNote(0, 1.0, 60, 10, 0), new MidiNote(0, 0.5, 60, 20, 3)], content.Notes);
    }

    [Fact]
    public void UnpairedNotesAreWarningsNotErrors()
    {
        byte[] file = MidiBytes.File(0, Ppq96,
        [
            0x00, 0x80, 50, 0,     // note-off with no note-on: ignored
            0x00, 0x90, 55, 70,    // never ended: closed at end of track
            0xC0, 0x00, 0xFF, 0x2F, 0x00, // end of track after 0x2000 ticks
        ]);
        var content = Read(file);
        double end = 0x2000 / 192.0;
        Assert.Equal([new MidiNote(0, end, 55, 70)], content.Notes);
        Assert.Equal(2, content.Warnings.Count);
        Assert.Contains(content.Warnings, w => w.Contains("note-off without note-on"));
        Assert.Contains(content.Warnings, w => w.Contains("closed at end of track"));
        Assert.Equal(end, content.DurationSeconds, 12);
    }

    [Fact]
    public void MissingEndOfTrackIsAWarning()
    {
        var content = Read(MidiBytes.File(0, Ppq96, [0x00, 0x90, 60, 1, 0x60, 0x80, 60, 0]));
        Assert.Single(content.Notes);
        Assert.Contains(content.Warnings, w => w.Contains("end-of-track"));
    }

    [Fact]
    public void SysexEventsAreSkipped()
    {
        byte[] file = MidiBytes.File(0, Ppq96,
        [
            0x00, 0xF0, 0x05, 0x7E, 0x7F, 0x09, 0x01, 0xF7,   // GM reset
            0x00, 0x90, 60, 100,
            0x30, 0xF7, 0x02, 0x43, 0x12,                     // escaped/continuation sysex
            0x30, 0x80, 60, 0,
            .. MidiBytes.EndOfTrack,
        ]);
        Assert.Equal([new MidiNote(0, 0.5, 60, 100)], Read(file).Notes);
    }

    [Fact]
    public void UnknownChunksAreSkipped()
    {
        byte[] track = [0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0, .. MidiBytes.EndOfTrack];
        byte[] file =
        [
            .. MidiBytes.Header(0, 1, Ppq96),
            .. MidiBytes.Chunk("XFIH", 1, 2, 3, 0x90, 0xFF),
            .. MidiBytes.Track(track),
            .. MidiBytes.Chunk("junk"),
        ];
        var content = Read(file);
        Assert.Equal([new MidiNote(0, 0.5, 60, 100)], content.Notes);
        Assert.Empty(content.Warnings);
    }

    [Fact]
    public void LongerHeaderIsAccepted()
    {
        byte[] file =
        [
            .. "MThd"u8, 0, 0, 0, 8, 0, 0, 0, 1, 0, Ppq96, 0xAB, 0xCD,
            .. MidiBytes.Track([0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0, .. MidiBytes.EndOfTrack]),
        ];
        Assert.Single(Read(file).Notes);
    }

    [Fact]
    public void Format1TempoFromTheFirstTrackAppliesToNoteTracks()
    {
        byte[] conductor =
        [
            0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20,   // 500000 us/quarter
            0x81, 0x40, 0xFF, 0x51, 0x03, 0x0F, 0x42, 0x40, // at tick 192: 1000000 us/quarter
            .. MidiBytes.EndOfTrack,
        ];
        byte[] notes =
        [
            0x00, 0x90, 60, 100,
            0x81, 0x40, 0x80, 60, 0,      // tick 192 = 1.0 s
            0x00, 0x90, 62, 100,
            0x60, 0x80, 62, 0,            // tick 288 = 1.0 + 96 * (1 s / 96) = 2.0 s
            .. MidiBytes.EndOfTrack,
        ];
        var content = Read(MidiBytes.File(1, Ppq96, conductor, notes));

        Assert.Equal(1, content.Format);
        Assert.Equal([(0L, 500_000), (192L, 1_000_000)], content.Tempo.Changes);
        Assert.Equal(2, content.Notes.Count);
        Assert.Equal(1.0, content.Notes[0].OffsetSeconds, 12);
        Assert.Equal(1.0, content.Notes[1].OnsetSeconds, 12);
        Assert.Equal(2.0, content.Notes[1].OffsetSeconds, 12);
        Assert.Equal(2.0, content.DurationSeconds, 12);
    }

    [Fact]
    public void TempoInALaterTrackIsStillUsed()
    {
        byte[] first = [0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0, .. MidiBytes.EndOfTrack];
        byte[] second = [0x00, 0xFF, 0x51, 0x03, 0x0F, 0x42, 0x40, .. MidiBytes.EndOfTrack]; // 60 BPM
        var content = Read(MidiBytes.File(1, Ppq96, first, second));
        Assert.Equal(1.0, content.Notes[0].OffsetSeconds, 12);
    }

    [Fact]
    public void Format2IsReadWithAWarning()
    {
        byte[] track = [0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0, .. MidiBytes.EndOfTrack];
        var content = Read(MidiBytes.File(2, Ppq96, track, track));
        Assert.Equal(2, content.Format);
        Assert.Equal(2, content.Notes.Count);
        Assert.Contains(content.Warnings, w => w.Contains("format 2"));
    }

    [Fact]
    public void SmpteTimingCountsTicksPerFrame()
    {
        // -25 fps (0xE7), 40 ticks per frame: 1000 ticks per second; tempo events do not apply.
        byte[] track =
        [
            0x00, 0xFF, 0x51, 0x03, 0x0F, 0x42, 0x40,
            0x87, 0x68, 0x90, 60, 100,   // tick 1000 = 1.0 s
            0x87, 0x68, 0x80, 60, 0,     // tick 2000 = 2.0 s
            .. MidiBytes.EndOfTrack,
        ];
        var content = Read(MidiBytes.File(0, 0xE728, track));
        var note = Assert.Single(content.Notes);
        Assert.Equal(1.0, note.OnsetSeconds, 12);
        Assert.Equal(2.0, note.OffsetSeconds, 12);
        Assert.Contains(content.Warnings, w => w.Contains("SMPTE"));
    }

    [Fact]
    public void Smpte2997UsesTheNtscRate()
    {
        // -29 (0xE3) means 29.97 fps; 4 ticks per frame: 120 ticks span 1.001 s.
        byte[] track = [0x00, 0x90, 60, 100, 0x78, 0x80, 60, 0, .. MidiBytes.EndOfTrack];
        var note = Assert.Single(Read(MidiBytes.File(0, 0xE304, track)).Notes);
        Assert.Equal(1.001, note.OffsetSeconds, 12);
    }
}
