using Audio2Midi.IO;
using Audio2Midi.Midi;
using Audio2Midi.Tests.Midi;
using NAudio.Midi;
using NAudio.Wave;

namespace Audio2Midi.Tests.IO;

/// <summary>
/// Why some file code is still our own (README, "Audio and MIDI files"): each test shows NAudio 3.3
/// lacking a capability and our code having it. When a NAudio update makes one of these fail, that
/// part of our code can move onto NAudio.
/// </summary>
public sealed class NAudioGapTests
{
    private static readonly byte[] OneNote = [0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0, .. MidiBytes.EndOfTrack];

    private static bool NAudioReads(byte[] file, bool strict)
    {
        try
        {
            _ = new MidiFile(new MemoryStream(file), strict);
            return true;
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or EndOfStreamException)
        {
            return false;
        }
    }

    [Fact]
    public void SmfWithAnUnknownChunk_NAudioFails_OursSkipsIt()
    {
        byte[] file = [.. MidiBytes.Header(0, 1, 96), .. MidiBytes.Chunk("XFIH", 1, 2, 3), .. MidiBytes.Track(OneNote)];
        Assert.False(NAudioReads(file, strict: false));
        Assert.Single(MidiFileReader.Read(new MemoryStream(file), "unknown-chunk.mid").Notes);
    }

    [Fact]
    public void SmfWithALongerHeader_NAudioFails_OursReadsIt()
    {
        byte[] file = [.. "MThd"u8, 0, 0, 0, 8, 0, 0, 0, 1, 0, 96, 0xAB, 0xCD, .. MidiBytes.Track(OneNote)];
        Assert.False(NAudioReads(file, strict: false));
        Assert.Single(MidiFileReader.Read(new MemoryStream(file), "long-header.mid").Notes);
    }

    [Fact]
    public void SmfWithAnUnpairedNote_NAudioStrictFails_OursWarns()
    {
        byte[] file = MidiBytes.File(0, 96, [0x00, 0x90, 60, 100, .. MidiBytes.EndOfTrack]);
        Assert.False(NAudioReads(file, strict: true));
        var content = MidiFileReader.Read(new MemoryStream(file), "unpaired.mid");
        Assert.Single(content.Notes);
        Assert.Contains(content.Warnings, w => w.Contains("note-on without note-off"));
    }

    [Fact]
    public void SmfWithACorruptEvent_NAudioLenientReadsOn_OursNamesTheByte()
    {
        // A system real-time byte (0xF8) cannot appear in a file: lenient NAudio drops it and reads on.
        byte[] file = MidiBytes.File(0, 96, [0x00, 0xF8, .. OneNote]);
        Assert.True(NAudioReads(file, strict: false));
        var e = Assert.Throws<AudioFileException>(() => MidiFileReader.Read(new MemoryStream(file), "corrupt.mid"));
        Assert.Contains("track 1 at byte", e.Message);
    }

    [Fact]
    public void WavOnAPipe_NAudioNeedsSeeking()
    {
        byte[] wav = RawWav.Riff(RawWav.Fmt(1, 1, 8000, 2, 16), RawWav.Chunk("data", RawWav.Pcm16(1, 2, 3)));
        Assert.ThrowsAny<NotSupportedException>(() => new WaveFileReader(new ForwardOnlyStream(wav)));
    }

    [Fact]
    public void FloatToPcm16_NAudioWrapsAndTruncates_OursClipsAndRounds()
    {
        var stream = new MemoryStream();
        using (var writer = new WaveFileWriter(stream, new WaveFormat(8000, 16, 1)))
            writer.WriteSamples([1.5f, 0.75f / 32768f * 4], 0, 2);   // over full scale; 3 steps exactly
        byte[] data = stream.ToArray()[^4..];
        short naudioOver = BitConverter.ToInt16(data, 0), naudioThree = BitConverter.ToInt16(data, 2);
        Assert.NotEqual(short.MaxValue, naudioOver);   // not clipped to full scale
        Assert.NotEqual(3, naudioThree);               // 3.0 steps at 32768, but 32767-scaled and truncated

        var ours = new byte[4];
        SampleEncoder.Encode([1.5f, 0.75f / 32768f * 4], WavSampleFormat.Pcm16, ours);
        Assert.Equal(short.MaxValue, BitConverter.ToInt16(ours, 0));
        Assert.Equal(3, BitConverter.ToInt16(ours, 2));
    }

    /// <summary>A stream that only reads forward, as ffmpeg's stdout does.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
