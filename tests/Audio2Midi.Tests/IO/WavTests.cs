using System.Buffers.Binary;
using System.Text;
using Audio2Midi.IO;

namespace Audio2Midi.Tests.IO;

/// <summary>A scratch directory per test class instance, removed afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "a2m-wav-" + Guid.NewGuid().ToString("N"));

    public TempDir() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Builds WAV files byte by byte, including broken ones the writer would never produce.</summary>
internal static class RawWav
{
    public static byte[] Chunk(string id, ReadOnlySpan<byte> body, uint? declaredSize = null)
    {
        var bytes = new byte[8 + body.Length + (body.Length & 1)];
        Encoding.ASCII.GetBytes(id).CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), declaredSize ?? (uint)body.Length);
        body.CopyTo(bytes.AsSpan(8));
        return bytes;
    }

    public static byte[] Fmt(ushort tag, int channels, int rate, int blockAlign, int bits)
    {
        var b = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(b, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), (uint)(rate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(12), (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(14), (ushort)bits);
        return Chunk("fmt ", b);
    }

    public static byte[] FmtExtensible(int channels, int rate, int containerBits, int validBits, ushort subTag)
    {
        var b = new byte[40];
        int blockAlign = channels * containerBits / 8;
        BinaryPrimitives.WriteUInt16LittleEndian(b, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), (uint)(rate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(12), (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(14), (ushort)containerBits);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(18), (ushort)validBits);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(20), 0x3);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(24), subTag);
        byte[] tail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
        tail.CopyTo(b, 26);
        return Chunk("fmt ", b);
    }

    public static byte[] Riff(params byte[][] chunks) => Riff("RIFF", chunks);

    public static byte[] Riff(string magic, params byte[][] chunks)
    {
        byte[] body = chunks.SelectMany(c => c).ToArray();
        var bytes = new byte[12 + body.Length];
        Encoding.ASCII.GetBytes(magic).CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(4 + body.Length));
        "WAVE"u8.CopyTo(bytes.AsSpan(8));
        body.CopyTo(bytes, 12);
        return bytes;
    }

    public static byte[] Pcm16(params short[] samples)
    {
        var b = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(2 * i), samples[i]);
        return b;
    }
}

public sealed class WavTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static float[] Signal(int frames, int channels, int seed)
    {
        var rng = new Random(seed);
        var x = new float[frames * channels];
        for (int i = 0; i < x.Length; i++)
            x[i] = (float)(rng.NextDouble() * 2 - 1);
        // Full scale and silence are where quantisation goes wrong first.
        x[0] = 1f;
        x[1 % x.Length] = -1f;
        x[2 % x.Length] = 0f;
        return x;
    }

    private static float[] ReadAll(AudioFileReader reader)
    {
        var all = new List<float>();
        var block = new float[1000 * reader.Channels];
        int n;
        while ((n = reader.Read(block)) > 0)
            all.AddRange(block.AsSpan(0, n * reader.Channels));
        return all.ToArray();
    }

    private static float Step(WavSampleFormat format) => format switch
    {
        WavSampleFormat.Pcm8 => 1f / 128,
        WavSampleFormat.Pcm16 => 1f / 32768,
        WavSampleFormat.Pcm24 => 1f / 8388608,
        WavSampleFormat.Pcm32 => 1f / 2147483648f,
        _ => 0f,
    };

    private void WriteFile(string path, float[] interleaved, int rate, int channels, WavSampleFormat format)
    {
        using var writer = new WavWriter(path, rate, channels, format);
        writer.Write(interleaved);
        writer.Complete();
    }

    public static IEnumerable<object[]> RoundTripCases() =>
        from format in Enum.GetValues<WavSampleFormat>()
        from channels in new[] { 1, 2, 6 }
        from rate in new[] { 8000, 44100, 192000 }
        select new object[] { format, channels, rate };

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void RoundTrip_IsWithinOneQuantisationStep(WavSampleFormat format, int channels, int rate)
    {
        const int frames = 501;   // odd, so 8-bit mono needs a pad byte
        float[] x = Signal(frames, channels, seed: (int)format * 1000 + channels * 10 + rate % 7);
        string path = _dir.File("rt.wav");
        WriteFile(path, x, rate, channels, format);

        Assert.True(new FileInfo(path).Length % 2 == 0, "RIFF files are word-aligned");
        using var reader = AudioFileReader.Open(path);
        Assert.Equal(rate, reader.SampleRate);
        Assert.Equal(channels, reader.Channels);
        Assert.Equal(format, reader.Format);
        Assert.Equal(frames, reader.FrameCount);
        Assert.Equal(path, reader.FilePath);
        float[] y = ReadAll(reader);
        Assert.False(reader.WasTruncated);
        Assert.Equal(x.Length, y.Length);

        float step = Step(format);
        float maxError = 0;
        for (int i = 0; i < x.Length; i++)
            maxError = Math.Max(maxError, Math.Abs(x[i] - y[i]));
        if (step == 0)
            Assert.Equal(x, y);   // float formats are exact
        else
            Assert.True(maxError <= step * 1.0001f, $"max error {maxError} > step {step}");
    }

    [Fact]
    public void RoundTrip_64Channels()
    {
        float[] x = Signal(100, 64, 5);
        string path = _dir.File("64.wav");
        WriteFile(path, x, 48000, 64, WavSampleFormat.Float32);
        using var reader = AudioFileReader.Open(path);
        Assert.Equal(64, reader.Channels);
        Assert.Equal(x, ReadAll(reader));
    }

    [Fact]
    public void Writer_ClipsAndRoundsPcm_NaNBecomesSilence()
    {
        string path = _dir.File("clip.wav");
        WavFile.Write(path, [1.5f, -2f, float.NaN, 0.5f / 32768f * 3], 16000, WavSampleFormat.Pcm16);
        float[] y = WavFile.ReadMono(path, out int rate);
        Assert.Equal(16000, rate);
        Assert.Equal([32767f / 32768f, -1f, 0f, 2f / 32768f], y);   // 1.5 steps rounds to even (2)
    }

    [Theory]
    [InlineData(1, WavSampleFormat.Pcm16, 0x0001, 16)]
    [InlineData(2, WavSampleFormat.Pcm8, 0x0001, 16)]
    [InlineData(2, WavSampleFormat.Float32, 0x0003, 18)]
    [InlineData(1, WavSampleFormat.Pcm24, 0xFFFE, 40)]
    [InlineData(6, WavSampleFormat.Pcm16, 0xFFFE, 40)]
    [InlineData(1, WavSampleFormat.Pcm32, 0xFFFE, 40)]
    [InlineData(2, WavSampleFormat.Float64, 0x0003, 18)]
    [InlineData(3, WavSampleFormat.Float32, 0xFFFE, 40)]
    public void Writer_UsesExtensibleOnlyWhenTheSpecAsks(int channels, WavSampleFormat format, int expectedTag, int expectedFmtSize)
    {
        string path = _dir.File("hdr.wav");
        WriteFile(path, new float[10 * channels], 22050, channels, format);
        byte[] b = File.ReadAllBytes(path);
        // NAudio puts a JUNK chunk first (room to become RF64 past 4 GiB), so the fmt chunk is looked up.
        int fmt = FindChunk(b, "fmt ");
        Assert.Equal(expectedFmtSize, BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(fmt + 4)));
        Assert.Equal(expectedTag, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(fmt + 8)));
        Assert.Equal(b.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(4)));
        if (expectedTag == 0xFFFE)
        {
            Assert.Equal(format.IsFloat() ? 3 : 1, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(fmt + 8 + 24)));
        }
        Assert.Equal(format.IsFloat() || expectedTag == 0xFFFE, FindChunk(b, "fact") >= 0);   // the spec asks for 'fact' in non-PCM files
    }

    /// <summary>Offset of a top-level chunk's id, or -1.</summary>
    private static int FindChunk(byte[] file, string id)
    {
        for (int pos = 12; pos + 8 <= file.Length;)
        {
            if (Encoding.ASCII.GetString(file, pos, 4) == id)
                return pos;
            int size = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(pos + 4));
            pos += 8 + size + (size & 1);
        }
        return -1;
    }

    [Fact]
    public void Writer_BecomesRf64PastItsThreshold_AndReadsBack()
    {
        // The threshold stands in for 4 GiB: NAudio promotes the header the same way at either size.
        float[] x = Signal(3000, 2, 77);
        string path = _dir.File("big.wav");
        using (var writer = new WavWriter(path, 48000, 2, WavSampleFormat.Float32, rf64Threshold: 1000))
        {
            writer.Write(x);
            writer.Complete();
        }
        byte[] b = File.ReadAllBytes(path);
        Assert.Equal("RF64", Encoding.ASCII.GetString(b, 0, 4));
        Assert.Equal("ds64", Encoding.ASCII.GetString(b, 12, 4));
        using var reader = AudioFileReader.Open(path);
        Assert.Equal(3000, reader.FrameCount);
        Assert.False(reader.WasTruncated);
        Assert.Equal(x, ReadAll(reader));
    }

    [SkippableFact]
    public void Bw64_IsDecodedThroughFfmpeg()
    {
        // NAudio reads RF64 but not its twin BW64 (ITU-R BS.2088): those files go to ffmpeg.
        OptionalTool.Require(FfmpegDecoder.FindOnPath() is not null, "decoding BW64 needs ffmpeg: apt-get install ffmpeg");
        var ds64 = new byte[28];
        BinaryPrimitives.WriteInt64LittleEndian(ds64.AsSpan(8), 8);   // data: 4 frames of 16-bit mono
        byte[] file = RawWav.Riff("BW64",
            RawWav.Chunk("ds64", ds64),
            RawWav.Fmt(1, 1, 8000, 2, 16),
            RawWav.Chunk("data", RawWav.Pcm16(8192, -8192, 100, 200), declaredSize: 0xFFFFFFFF));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), 0xFFFFFFFF);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(20), file.Length - 8);
        string path = _dir.File("bw64-ds64.wav");
        File.WriteAllBytes(path, file);
        using var reader = AudioFileReader.Open(path);
        Assert.Equal(8000, reader.SampleRate);
        Assert.Equal([0.25f, -0.25f, 100 / 32768f, 200 / 32768f], ReadAll(reader));
    }

    [Fact]
    public void Bw64_WithoutFfmpeg_SaysItNeedsIt()
    {
        string path = _dir.File("bw64.wav");
        File.WriteAllBytes(path, RawWav.Riff("BW64", RawWav.Fmt(1, 1, 8000, 2, 16), RawWav.Chunk("data", RawWav.Pcm16(1, 2))));
        var e = Assert.Throws<AudioFileException>(() => AudioFileReader.Open(path, findFfmpeg: () => null));
        Assert.Contains("BW64", e.Message);
        Assert.Contains("ffmpeg", e.Message);
    }

    [Fact]
    public void ReadMono_AveragesStereoChannels()
    {
        const int frames = 3000;
        var x = new float[frames * 2];
        for (int i = 0; i < frames; i++)
        {
            x[2 * i] = 0.8f * MathF.Sin(2 * MathF.PI * 440 * i / 16000f);
            x[2 * i + 1] = -0.3f + 0.1f * MathF.Cos(2 * MathF.PI * 97 * i / 16000f);
        }
        string path = _dir.File("stereo.wav");
        WriteFile(path, x, 16000, 2, WavSampleFormat.Float32);

        float[] whole = WavFile.ReadMono(path, out _);
        Assert.Equal(frames, whole.Length);

        using var reader = AudioFileReader.Open(path);
        var mono = new float[frames];
        int done = 0, n;
        while ((n = reader.ReadMono(mono.AsSpan(done, Math.Min(777, frames - done)))) > 0)
            done += n;
        Assert.Equal(frames, done);
        for (int i = 0; i < frames; i++)
        {
            float expected = (x[2 * i] + x[2 * i + 1]) / 2;
            Assert.True(Math.Abs(expected - mono[i]) < 1e-6f, $"frame {i}: {mono[i]} != {expected}");
            Assert.Equal(mono[i], whole[i]);
        }
        Assert.Equal(0, reader.ReadMono(mono));
    }

    [Fact]
    public void ReadingInOddChunkSizes_EqualsReadingWhole()
    {
        const int channels = 3, frames = 50_007;
        float[] x = Signal(frames, channels, 42);
        string path = _dir.File("chunks.wav");
        WriteFile(path, x, 44100, channels, WavSampleFormat.Pcm24);

        float[] whole;
        using (var reader = AudioFileReader.Open(path))
        {
            whole = new float[frames * channels];
            Assert.Equal(frames, reader.Read(whole));   // one call, spans many internal buffers
            Assert.Equal(0, reader.Read(whole));
        }

        int[] sizes = [1, 7, 13, 4096, 333, 30_001, 2];
        using (var reader = AudioFileReader.Open(path))
        {
            var pieces = new List<float>();
            int k = 0, n;
            var buffer = new float[30_001 * channels + 2];   // + 2: a length not a multiple of the channel count
            do
            {
                int size = sizes[k++ % sizes.Length];
                n = reader.Read(buffer.AsSpan(0, size * channels + (size == 2 ? 2 : 0)));
                pieces.AddRange(buffer.AsSpan(0, n * channels));
            }
            while (n > 0);
            Assert.Equal(whole, pieces.ToArray());
        }

        using (var reader = AudioFileReader.Open(path))
        {
            float[] monoWhole = WavFile.ReadMono(path, out _);
            var pieces = new List<float>();
            var buffer = new float[30_001];
            int k = 0, n;
            while ((n = reader.ReadMono(buffer.AsSpan(0, sizes[k++ % sizes.Length]))) > 0)
                pieces.AddRange(buffer.AsSpan(0, n));
            Assert.Equal(monoWhole, pieces.ToArray());
        }
    }

    [Fact]
    public void Read_BufferSmallerThanOneFrame_IsAnArgumentError()
    {
        string path = _dir.File("st.wav");
        WriteFile(path, new float[20], 8000, 2, WavSampleFormat.Pcm16);
        using var reader = AudioFileReader.Open(path);
        Assert.Equal(0, reader.Read(Span<float>.Empty));
        Assert.Throws<ArgumentException>(() => reader.Read(new float[1]));
    }

    [Fact]
    public void Extensible_FloatSubformat_IsParsed()
    {
        var data = new byte[4 * 4];
        float[] values = [0.25f, -0.5f, 0.125f, 1f];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), values[i]);
        string path = _dir.File("extf.wav");
        File.WriteAllBytes(path, RawWav.Riff(RawWav.FmtExtensible(2, 96000, 32, 32, 3), RawWav.Chunk("data", data)));

        using var reader = AudioFileReader.Open(path);
        Assert.Equal(WavSampleFormat.Float32, reader.Format);
        Assert.Equal(2, reader.Channels);
        Assert.Equal(96000, reader.SampleRate);
        Assert.Equal(2, reader.FrameCount);
        Assert.Equal(values, ReadAll(reader));
    }

    [Fact]
    public void Extensible_Pcm24WithFewerValidBits_IsParsed()
    {
        // 20 valid bits, left-justified in a 24-bit container: decoded by container size.
        byte[] data = [0x00, 0x00, 0x40, 0xF0, 0xFF, 0xFF];   // 0x400000 = +0.5, 0xFFFFF0 = -16/2^23
        string path = _dir.File("ext24.wav");
        File.WriteAllBytes(path, RawWav.Riff(RawWav.FmtExtensible(1, 48000, 24, 20, 1), RawWav.Chunk("data", data)));

        using var reader = AudioFileReader.Open(path);
        Assert.Equal(WavSampleFormat.Pcm24, reader.Format);
        Assert.Equal([0.5f, -16f / 8388608f], ReadAll(reader));
    }

    [Fact]
    public void UnknownChunks_AreSkipped_IncludingOddSizedOnes()
    {
        string path = _dir.File("chunks.wav");
        File.WriteAllBytes(path, RawWav.Riff(
            RawWav.Chunk("LIST", "INFOx"u8),   // 5 bytes + pad byte
            RawWav.Fmt(1, 1, 8000, 2, 16),
            RawWav.Chunk("JUNK", new byte[27]),
            RawWav.Chunk("data", RawWav.Pcm16(16384, -16384, 1)),
            RawWav.Chunk("id3 ", new byte[9])));

        using var reader = AudioFileReader.Open(path);
        Assert.Equal(3, reader.FrameCount);
        Assert.Equal([0.5f, -0.5f, 1f / 32768], ReadAll(reader));
        Assert.False(reader.WasTruncated);
    }

    [Fact]
    public void DataSizeUnknown_InPlainRiff_ReadsToEndOfFile()
    {
        string path = _dir.File("unknown.wav");
        File.WriteAllBytes(path, RawWav.Riff(
            RawWav.Fmt(1, 1, 8000, 2, 16),
            RawWav.Chunk("data", RawWav.Pcm16(100, 200, 300, 400), declaredSize: 0xFFFFFFFF)));
        using var reader = AudioFileReader.Open(path);
        Assert.Equal(4, reader.FrameCount);
        Assert.Equal(4, ReadAll(reader).Length);
        Assert.False(reader.WasTruncated);
    }

    [Fact]
    public void Rf64_TakesDataSizeFromDs64()
    {
        var ds64 = new byte[28];
        BinaryPrimitives.WriteInt64LittleEndian(ds64.AsSpan(8), 4);   // data: 2 frames of 16-bit mono
        byte[] file = RawWav.Riff("RF64",
            RawWav.Chunk("ds64", ds64),
            RawWav.Fmt(1, 1, 8000, 2, 16),
            RawWav.Chunk("data", RawWav.Pcm16(8192, -8192), declaredSize: 0xFFFFFFFF),
            RawWav.Chunk("JUNK", new byte[4]));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), 0xFFFFFFFF);            // the RIFF size lives in ds64
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(20), file.Length - 8);       // ds64: RIFF size
        string path = _dir.File("rf64.wav");
        File.WriteAllBytes(path, file);
        using var reader = AudioFileReader.Open(path);
        Assert.Equal(2, reader.FrameCount);
        Assert.Equal([0.25f, -0.25f], ReadAll(reader));
    }

    public static IEnumerable<object[]> MalformedCases()
    {
        byte[] fmt16 = RawWav.Fmt(1, 1, 8000, 2, 16);
        byte[] data = RawWav.Chunk("data", RawWav.Pcm16(1, 2, 3));
        byte[] valid = RawWav.Riff(fmt16, data);
        yield return ["truncated header", valid[..20], "truncated"];
        yield return ["truncated fmt chunk", valid[..30], "truncated"];
        yield return ["garbage", Enumerable.Range(0, 500).Select(i => (byte)(i * 37 + 11)).ToArray(), "not a RIFF/WAVE"];
        yield return ["missing data chunk", RawWav.Riff(fmt16, RawWav.Chunk("LIST", new byte[6])), "no data chunk"];
        yield return ["missing fmt chunk", RawWav.Riff(data), "no fmt chunk"];
        yield return ["mp3 tag", RawWav.Riff(RawWav.Fmt(0x55, 1, 8000, 1, 0), data), "0x0055"];
        yield return ["12-bit", RawWav.Riff(RawWav.Fmt(1, 1, 8000, 2, 12), data), "bit depth 12"];
        yield return ["float 16-bit", RawWav.Riff(RawWav.Fmt(3, 1, 8000, 2, 16), data), "float bit depth 16"];
        yield return ["empty", Array.Empty<byte>(), "empty"];
        yield return ["zero channels", RawWav.Riff(RawWav.Fmt(1, 0, 8000, 0, 16), data), "block align is 0"];
        yield return ["65 channels", RawWav.Riff(RawWav.Fmt(1, 65, 8000, 130, 16), data), "65 channels"];
        yield return ["bad block align", RawWav.Riff(RawWav.Fmt(1, 2, 8000, 3, 16), data), "block align"];
        yield return ["rate too low", RawWav.Riff(RawWav.Fmt(1, 1, 4000, 2, 16), data), "4000 Hz"];
        yield return ["rate too high", RawWav.Riff(RawWav.Fmt(1, 1, 384000, 2, 16), data), "384000 Hz"];
        yield return ["fmt too short", RawWav.Riff(RawWav.Chunk("fmt ", new byte[12]), data), "invalid WaveFormat structure"];
        yield return ["big-endian", (byte[])[.. "RIFX"u8, .. valid[4..]], "RIFX"];
        yield return ["not WAVE", (byte[])[.. valid[..8], .. "AVI "u8, .. valid[12..]], "not a RIFF/WAVE"];
        yield return ["chunk past end", RawWav.Riff(fmt16, RawWav.Chunk("LIST", new byte[4], declaredSize: 1000)), "no data chunk"];
        byte[] badGuid = RawWav.FmtExtensible(1, 8000, 16, 16, 1);
        badGuid[8 + 26] ^= 0xFF;
        yield return ["unknown extensible subformat", RawWav.Riff(badGuid, data), "subformat"];
    }

    [Theory]
    [MemberData(nameof(MalformedCases))]
    public void MalformedFile_ThrowsAudioFileException_NamingTheFile(string name, byte[] content, string problem)
    {
        string path = _dir.File(name.Replace(' ', '_') + ".wav");
        File.WriteAllBytes(path, content);
        var e = Assert.Throws<AudioFileException>(() => AudioFileReader.Open(path).Dispose());
        Assert.Contains(Path.GetFileName(path), e.Message);
        Assert.Contains(problem, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(path, e.FilePath);
    }

    /// <summary>
    /// Every truncation of a valid file, and a thousand random corruptions of its header, either read or
    /// fail with our one exception type: no exception of NAudio's own reaches a caller.
    /// </summary>
    [Fact]
    public void EveryTruncationAndRandomCorruption_FailsOnlyWithAudioFileException()
    {
        string source = _dir.File("source.wav");
        WriteFile(source, Signal(64, 3, 3), 22050, 3, WavSampleFormat.Pcm24);   // extensible header, JUNK and fact chunks
        byte[] valid = File.ReadAllBytes(source);
        var rng = new Random(11);
        var variants = new List<byte[]>();
        for (int length = 0; length < valid.Length; length += length < 120 ? 1 : 37)
            variants.Add(valid[..length]);
        for (int i = 0; i < 1000; i++)
        {
            byte[] v = (byte[])valid.Clone();
            for (int k = rng.Next(1, 4); k > 0; k--)
                v[rng.Next(0, 120)] = (byte)rng.Next(256);   // the header and the first samples
            variants.Add(v);
        }

        string path = _dir.File("variant.wav");
        int read = 0, rejected = 0;
        foreach (byte[] v in variants)
        {
            File.WriteAllBytes(path, v);
            try
            {
                using var reader = AudioFileReader.Open(path, findFfmpeg: () => null);
                ReadAll(reader);
                read++;
            }
            catch (AudioFileException e)
            {
                Assert.Equal(path, e.FilePath);
                rejected++;
            }
        }
        Assert.True(read > 0 && rejected > 0, $"{read} read, {rejected} rejected");
    }

    [Fact]
    public void NonexistentPath_ThrowsAudioFileException()
    {
        string path = _dir.File("does-not-exist.wav");
        var e = Assert.Throws<AudioFileException>(() => WavFile.ReadMono(path, out _));
        Assert.Contains("does-not-exist.wav", e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void TruncatedDataChunk_ReadsAvailableFrames_AndSetsWasTruncated()
    {
        const int frames = 1000;
        float[] x = Signal(frames, 2, 9);
        string path = _dir.File("trunc.wav");
        WriteFile(path, x, 22050, 2, WavSampleFormat.Pcm16);
        byte[] full = File.ReadAllBytes(path);
        File.WriteAllBytes(path, full[..^1001]);   // 3 bytes of a partial frame remain
        int expectedFrames = (frames * 4 - 1001) / 4;

        using var reader = AudioFileReader.Open(path);
        Assert.True(reader.WasTruncated);
        Assert.Equal(expectedFrames, reader.FrameCount);
        float[] y = ReadAll(reader);
        Assert.Equal(expectedFrames * 2, y.Length);
        for (int i = 0; i < y.Length; i++)
            Assert.True(Math.Abs(x[i] - y[i]) <= 1f / 32768);

        Assert.Equal(expectedFrames, WavFile.ReadMono(path, out _).Length);
    }

    [Fact]
    public void WriterDisposedWithoutComplete_LeavesNoFile()
    {
        string path = _dir.File("never.wav");
        using (var writer = new WavWriter(path, 16000, 1))
        {
            writer.Write(new float[1000]);
            Assert.False(File.Exists(path));   // data goes to a temp file until Complete
        }
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void WriterDisposedWithoutComplete_DoesNotClobberExistingTarget()
    {
        string path = _dir.File("keep.wav");
        WavFile.Write(path, [0.5f, -0.5f], 8000);
        byte[] before = File.ReadAllBytes(path);

        using (var writer = new WavWriter(path, 16000, 2, WavSampleFormat.Float32))
            writer.Write(new float[2000]);

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void WriterComplete_ReplacesExistingTarget_AndRejectsFurtherUse()
    {
        string path = _dir.File("replace.wav");
        WavFile.Write(path, [0.5f, -0.5f], 8000);
        var writer = new WavWriter(path, 16000, 1, WavSampleFormat.Float32);
        writer.Write([0.125f]);
        writer.Complete();
        writer.Dispose();
        Assert.Equal([0.125f], WavFile.ReadMono(path, out int rate));
        Assert.Equal(16000, rate);
        Assert.Equal([path], Directory.GetFileSystemEntries(_dir.Path));
        Assert.Throws<InvalidOperationException>(() => writer.Write([0f]));
        Assert.Throws<InvalidOperationException>(() => writer.Complete());
    }

    [Fact]
    public void Writer_ErrorsNameTheFile()
    {
        string missingDir = _dir.File(Path.Combine("no-such-dir", "out.wav"));
        var e = Assert.Throws<AudioFileException>(() => new WavWriter(missingDir, 16000, 1));
        Assert.Contains("out.wav", e.Message);
        e = Assert.Throws<AudioFileException>(() => new WavWriter(_dir.File("low.wav"), 4000, 1));
        Assert.Contains("low.wav", e.Message);
        e = Assert.Throws<AudioFileException>(() => new WavWriter(_dir.File("ch.wav"), 8000, 0));
        Assert.Contains("ch.wav", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));

        using var writer = new WavWriter(_dir.File("odd.wav"), 8000, 2);
        Assert.Throws<ArgumentException>(() => writer.Write(new float[3]));
    }

    [SkippableFact]
    public void RealFfmpeg_DecodesFlacAndReportsCorruptFiles()
    {
        string? found = FfmpegDecoder.FindOnPath();
        OptionalTool.Require(found is not null, "decoding FLAC needs ffmpeg: apt-get install ffmpeg");
        string ffmpeg = found!;
        var mono = new float[22050];
        for (int i = 0; i < mono.Length; i++) mono[i] = (float)(0.5 * Math.Sin(2 * Math.PI * 330 * i / 22050.0));
        string wav = _dir.File("tone.wav"), flac = _dir.File("tone.flac");
        WavFile.Write(wav, mono, 22050, WavSampleFormat.Pcm16);
        using (var encoder = System.Diagnostics.Process.Start(ffmpeg, ["-v", "error", "-nostdin", "-i", wav, flac]))
        {
            encoder!.WaitForExit();
            Assert.Equal(0, encoder.ExitCode);
        }
        float[] decoded = WavFile.ReadMono(flac, out int rate);
        Assert.Equal(22050, rate);
        Assert.Equal(mono.Length, decoded.Length);
        for (int i = 0; i < mono.Length; i++) Assert.True(Math.Abs(decoded[i] - mono[i]) <= 1.0 / 32768 + 1e-6, $"sample {i}");

        string broken = _dir.File("broken.flac");
        File.WriteAllBytes(broken, "fLaC this is not audio"u8.ToArray());
        var e = Assert.Throws<AudioFileException>(() => WavFile.ReadMono(broken, out _));
        Assert.Contains("broken.flac", e.Message);
    }

    [Fact]
    public void NonWavWithoutFfmpeg_SaysFfmpegIsNeeded()
    {
        string path = _dir.File("x.flac");
        File.WriteAllBytes(path, "fLaC\0\0\0\x22"u8.ToArray());
        var e = Assert.Throws<AudioFileException>(() => AudioFileReader.Open(path, findFfmpeg: () => null));
        Assert.Contains("x.flac", e.Message);
        Assert.Contains("ffmpeg", e.Message);
    }

    /// <summary>A shell script standing in for ffmpeg: exercises the pipe, unknown sizes and error reporting.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private string FakeFfmpeg(string body)
    {
        string script = _dir.File("fake-ffmpeg.sh");
        File.WriteAllText(script, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    [Fact]
    public void FfmpegStream_WithUnknownSizes_IsReadToTheEnd()
    {
        if (OperatingSystem.IsWindows())
            return;
        // What ffmpeg writes to a pipe: sizes it cannot go back to fill in, and a LIST chunk.
        const int frames = 20_000;
        var samples = new byte[frames * 2 * 4];
        for (int i = 0; i < frames * 2; i++)
            BinaryPrimitives.WriteSingleLittleEndian(samples.AsSpan(4 * i), i / (float)(frames * 2));
        var fmt = RawWav.Fmt(3, 2, 44100, 8, 32);
        byte[] stream = RawWav.Riff(RawWav.Chunk("LIST", "INFOISFT\x05\0\0\0Lavf\0\0"u8), fmt,
            RawWav.Chunk("data", samples, declaredSize: 0xFFFFFFFF));
        string wav = _dir.File("stream.bin");
        File.WriteAllBytes(wav, stream);
        string ffmpeg = FakeFfmpeg($"exec cat '{wav}'");

        string source = _dir.File("song.ogg");
        using var reader = AudioFileReader.OpenWithFfmpeg(source, ffmpeg);
        Assert.Equal(-1, reader.FrameCount);
        Assert.Equal(WavSampleFormat.Float32, reader.Format);
        Assert.Equal(44100, reader.SampleRate);
        float[] y = ReadAll(reader);
        Assert.Equal(frames * 2, y.Length);
        Assert.Equal(1f / (frames * 2), y[1]);
        Assert.False(reader.WasTruncated);
    }

    [Fact]
    public void FfmpegFailure_ReportsFfmpegsMessage()
    {
        if (OperatingSystem.IsWindows())
            return;
        string ffmpeg = FakeFfmpeg("echo 'song.ogg: Invalid data found when processing input' >&2\nexit 1");
        string source = _dir.File("song.ogg");
        var e = Assert.Throws<AudioFileException>(() => AudioFileReader.OpenWithFfmpeg(source, ffmpeg));
        Assert.Contains("song.ogg", e.Message);
        Assert.Contains("Invalid data found", e.Message);
        Assert.Contains("ffmpeg", e.Message);
    }

    [Fact]
    public void LongFile_IsStreamed_WithoutAllocatingDuringTheReadLoop()
    {
        const int rate = 16000, seconds = 600, frames = rate * seconds;
        string path = _dir.File("long.wav");
        var block = new float[rate];
        using (var writer = new WavWriter(path, rate, 1, WavSampleFormat.Float32))
        {
            for (int s = 0; s < seconds; s++)
            {
                for (int i = 0; i < rate; i++)
                    block[i] = (s * rate + i) % 1000 / 1000f;
                writer.Write(block);
            }
            writer.Complete();
        }

        using var reader = AudioFileReader.Open(path);
        Assert.Equal(frames, reader.FrameCount);
        var buffer = new float[4096];
        long total = reader.ReadMono(buffer);   // first read outside the measurement
        long mismatches = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        int n;
        while ((n = reader.ReadMono(buffer)) > 0)
        {
            for (int i = 0; i < n; i++)
                if (buffer[i] != (total + i) % 1000 / 1000f)
                    mismatches++;
            total += n;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(frames, total);
        Assert.Equal(0, mismatches);
        Assert.True(allocated < 1_000_000, $"read loop allocated {allocated} bytes for a {seconds / 60}-minute file");
    }

    [Fact]
    public void StereoMixdown_AllocatesItsScratchOnlyOnce()
    {
        const int rate = 48000, frames = rate * 30;
        string path = _dir.File("stereo-long.wav");
        var x = new float[frames * 2];
        for (int i = 0; i < x.Length; i++)
            x[i] = (i % 200 - 100) / 128f;
        WriteFile(path, x, rate, 2, WavSampleFormat.Pcm16);

        using var reader = AudioFileReader.Open(path);
        var mono = new float[1024];
        long total = reader.ReadMono(mono);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int n;
        while ((n = reader.ReadMono(mono)) > 0)
            total += n;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(frames, total);
        Assert.True(allocated < 10_000, $"mixdown loop allocated {allocated} bytes");
    }
}
