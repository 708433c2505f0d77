using Audio2Midi.IO;
using Audio2Midi.Midi;

namespace Audio2Midi.Tests.Midi;

/// <summary>Every bad file must raise <see cref="AudioFileException"/> naming the file, never anything else.</summary>
public class MidiMalformedFileTests
{
    private const string Name = "broken.mid";

    private static AudioFileException Fails(byte[] bytes)
    {
        var ex = Assert.Throws<AudioFileException>(() => MidiFileReader.Read(new MemoryStream(bytes), Name));
        Assert.Equal(Name, ex.FilePath);
        Assert.StartsWith(Name + ":", ex.Message);
        return ex;
    }

    private static readonly byte[] GoodTrack = [0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0, .. MidiBytes.EndOfTrack];

    [Fact]
    public void EmptyFile() => Assert.Contains("empty", Fails([]).Message);

    [Fact]
    public void WrongMagic() => Assert.Contains("MThd", Fails([.. "RIFF"u8, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96]).Message);

    [Fact]
    public void TruncatedHeader() => Fails([.. "MThd"u8, 0, 0, 0, 6, 0, 0, 0]);

    [Fact]
    public void TruncatedTrackChunk()
    {
        byte[] whole = MidiBytes.File(0, 96, GoodTrack);
        var ex = Fails(whole[..^5]);
        Assert.Contains("track 1", ex.Message);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void TrackEndingInsideAnEvent()
    {
        var ex = Fails(MidiBytes.File(0, 96, [0x00, 0x90, 60]));
        Assert.Contains("track 1 at byte", ex.Message);
    }

    [Fact]
    public void MetaEventLongerThanItsTrack() => Fails(MidiBytes.File(0, 96, [0x00, 0xFF, 0x01, 0x10, 1, 2]));

    [Fact]
    public void VariableLengthNumberLongerThanFourBytes()
    {
        var ex = Fails(MidiBytes.File(0, 96, [0x81, 0x81, 0x81, 0x81, 0x00, 0x90, 60, 100, .. MidiBytes.EndOfTrack]));
        Assert.Contains("longer than 4 bytes", ex.Message);
        Assert.Contains("at byte 22", ex.Message); // 14-byte header + 8-byte chunk header
    }

    [Fact]
    public void RunningStatusWithoutAStatusByte()
    {
        var ex = Fails(MidiBytes.File(0, 96, [0x00, 60, 100, .. MidiBytes.EndOfTrack]));
        Assert.Contains("track 1 at byte 23: running status without a previous status byte", ex.Message);
    }

    [Fact]
    public void RunningStatusIsNotCarriedIntoTheNextTrack()
    {
        var ex = Fails(MidiBytes.File(1, 96, GoodTrack, [0x00, 60, 100, .. MidiBytes.EndOfTrack]));
        Assert.Contains("track 2", ex.Message);
        Assert.Contains("running status", ex.Message);
    }

    [Fact]
    public void FewerTracksThanDeclared()
    {
        byte[] file = [.. MidiBytes.Header(1, 2, 96), .. MidiBytes.Track(GoodTrack)];
        Assert.Contains("declares 2 tracks", Fails(file).Message);
    }

    [Fact]
    public void UnsupportedFormat() => Assert.Contains("format 3", Fails([.. MidiBytes.Header(3, 1, 96), .. MidiBytes.Track(GoodTrack)]).Message);

    [Fact]
    public void ZeroDivision() => Fails(MidiBytes.File(0, 0, GoodTrack));

    [Fact]
    public void UnsupportedSmpteRate() => Assert.Contains("SMPTE", Fails(MidiBytes.File(0, 0xE028, GoodTrack)).Message); // -32 fps

    [Fact]
    public void TempoEventOfWrongLength() => Assert.Contains("tempo", Fails(MidiBytes.File(0, 96, [0x00, 0xFF, 0x51, 0x02, 0x07, 0xA1, .. MidiBytes.EndOfTrack])).Message);

    [Fact]
    public void ZeroTempo() => Fails(MidiBytes.File(0, 96, [0x00, 0xFF, 0x51, 0x03, 0, 0, 0, .. MidiBytes.EndOfTrack]));

    [Fact]
    public void SystemRealTimeByteInATrack() => Assert.Contains("0xF8", Fails(MidiBytes.File(0, 96, [0x00, 0xF8, .. MidiBytes.EndOfTrack])).Message);

    [Fact]
    public void StatusByteWhereDataBelongs() => Fails(MidiBytes.File(0, 96, [0x00, 0x90, 60, 0x90, .. MidiBytes.EndOfTrack]));

    [Fact]
    public void MissingFileNamesThePath()
    {
        using var dir = new TempDirectory();
        string path = dir.File("nope.mid");
        var ex = Assert.Throws<AudioFileException>(() => MidiFileReader.Read(path));
        Assert.Equal(path, ex.FilePath);
    }

    [Fact]
    public void EmptyFileOnDiskNamesThePath()
    {
        using var dir = new TempDirectory();
        string path = dir.File("empty.mid");
        File.WriteAllBytes(path, []);
        var ex = Assert.Throws<AudioFileException>(() => MidiFileReader.Read(path));
        Assert.Equal(path, ex.FilePath);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void EveryTruncationAndRandomCorruptionFailsOnlyWithAudioFileException()
    {
        // A real written file, cut at every length and corrupted at random: the reader may succeed
        // (with warnings) or throw AudioFileException, but nothing else may escape.
        var notes = Enumerable.Range(0, 20).Select(i => new MidiNote(i * 0.37, i * 0.37 + 0.5, 40 + i, 64)).ToList();
        var bends = Enumerable.Range(0, 10).Select(i => new MidiPitchBend(i * 0.41, i * 700 - 4000)).ToList();
        using var stream = new MemoryStream();
        MidiFileWriter.Write(stream, notes, bends);
        byte[] good = stream.ToArray();

        for (int length = 0; length < good.Length; length++)
            ReadOrFileError(good[..length]);

        var random = new Random(1234);
        for (int trial = 0; trial < 2000; trial++)
        {
            byte[] bad = (byte[])good.Clone();
            int flips = 1 + random.Next(4);
            for (int f = 0; f < flips; f++)
                bad[random.Next(bad.Length)] = (byte)random.Next(256);
            ReadOrFileError(bad);
        }
    }

    private static void ReadOrFileError(byte[] bytes)
    {
        try
        {
            MidiFileReader.Read(new MemoryStream(bytes), Name);
        }
        catch (AudioFileException ex)
        {
            Assert.Equal(Name, ex.FilePath);
        }
    }
}
