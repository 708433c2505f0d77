using Audio2Midi.Engine;
using Audio2Midi.IO;
using Audio2Midi.Midi;
using Audio2Midi.Notes;
using Audio2Midi.Pitch;
using Audio2Midi.Tests.Engine;
using Audio2Midi.Tests.IO;
using Audio2Midi.Tests.Signals;
using Audio2Midi.Transcription;
using Xunit.Abstractions;

namespace Audio2Midi.Tests.Transcription;

/// <summary>Transcription of WAV files written to disk, offline and live, against the truth and the engine.</summary>
public sealed class FileTranscriberTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>57 and 60 legato from silence, a gap, then 64 and 62 legato; 0.4 s each.</summary>
    internal static readonly SungNote[] Truth =
    [
        new(0.30, 0.70, 57),
        new(0.70, 1.10, 60),
        new(1.25, 1.65, 64),
        new(1.65, 2.05, 62),
    ];

    /// <summary>Indices of <see cref="Truth"/> notes that start from silence.</summary>
    private static readonly int[] FromSilence = [0, 2];

    internal static string WritePhrase(string path, int rate, double seconds = 2.5)
    {
        float[] audio = TestSignals.Sing(Truth, seconds, rate);
        WavFile.Write(path, audio, rate, WavSampleFormat.Pcm16);
        return path;
    }

    private void Log(string label, IReadOnlyList<MidiNote> notes)
    {
        output.WriteLine(label);
        foreach (var n in notes) output.WriteLine($"  {n.Pitch} {n.OnsetSeconds:0.0000}-{n.OffsetSeconds:0.0000} v{n.Velocity}");
    }

    [Fact]
    public void Offline_and_live_find_the_sung_pitches_with_live_onsets_later()
    {
        string wav = WritePhrase(_dir.File("phrase.wav"), 44100);

        var offline = FileTranscriber.Transcribe(wav, new TranscriptionOptions { Live = false });
        var live = FileTranscriber.Transcribe(wav, new TranscriptionOptions { Live = true, HostRate = 48000, BlockSize = 128 });
        Log("offline", offline.Notes);
        Log("live", live.Notes);

        int[] pitches = Truth.Select(n => (int)n.Midi).ToArray();
        Assert.Equal(pitches, offline.Notes.Select(n => n.Pitch).ToArray());
        Assert.Equal(pitches, live.Notes.Select(n => n.Pitch).ToArray());
        Assert.Equal(2.5, offline.DurationSeconds, 1e-9);
        Assert.Empty(offline.Warnings);

        for (int i = 0; i < Truth.Length; i++)
        {
            Assert.InRange(offline.Notes[i].OnsetSeconds, Truth[i].Onset - 0.040, Truth[i].Onset + 0.040);
            Assert.True(live.Notes[i].OnsetSeconds > offline.Notes[i].OnsetSeconds,
                $"note {i}: live onset {live.Notes[i].OnsetSeconds:0.0000} s is not later than offline {offline.Notes[i].OnsetSeconds:0.0000} s");
            Assert.True(live.Notes[i].OffsetSeconds > live.Notes[i].OnsetSeconds);
            Assert.True(offline.Notes[i].OffsetSeconds > offline.Notes[i].OnsetSeconds);
        }
        foreach (int i in FromSilence)
            Assert.InRange(live.Notes[i].OnsetSeconds, Truth[i].Onset - 0.060, Truth[i].Onset + 0.060);
        Assert.Equal(0, live.LatencySeconds); // Instant: nothing is delayed, nothing reported
    }

    /// <summary>
    /// With a Latency step the notes are written where a compensating host records them: where they were
    /// sung (as offline), not where they were decided; the step is what the host is told.
    /// </summary>
    [Fact]
    public void A_latency_step_places_live_notes_where_they_were_sung()
    {
        string wav = WritePhrase(_dir.File("phrase60.wav"), 48000);
        var placed = FileTranscriber.Transcribe(wav, new TranscriptionOptions { Live = true, LatencyMs = 60 });
        var instant = FileTranscriber.Transcribe(wav, new TranscriptionOptions { Live = true });
        Log("live at 60 ms, as recorded", placed.Notes);
        Assert.Equal(0.060, placed.LatencySeconds, 9);
        Assert.Equal(Truth.Select(n => (int)n.Midi), placed.Notes.Select(n => n.Pitch));
        for (int i = 0; i < Truth.Length; i++)
        {
            Assert.InRange(placed.Notes[i].OnsetSeconds, Truth[i].Onset - 0.030, Truth[i].Onset + 0.030);
            Assert.True(placed.Notes[i].OnsetSeconds < instant.Notes[i].OnsetSeconds, $"note {i} is not earlier than at Instant");
        }
    }

    [Fact]
    public void A_latency_that_is_not_a_step_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TranscriptionOptions { Live = true, LatencyMs = 45 }.Validate());
        Assert.Contains("0, 30, 60, 120, 250", e.Message);
    }

    /// <summary>
    /// With a decoder lag, the NoteOn of a note sung at the very end comes after the recording has
    /// ended; it has no sound left in the file and must not become a zero-length row (the reference
    /// scorer rejects those).
    /// </summary>
    [Fact]
    public void Live_notes_emitted_after_the_recording_ends_are_left_out()
    {
        float[] audio = TestSignals.Sing([new SungNote(0.3, 0.8, 60), new SungNote(0.97, 1.2, 64)], 1.0, 44100);
        string wav = _dir.File("late.wav");
        WavFile.Write(wav, audio, 44100, WavSampleFormat.Pcm16);

        var live = FileTranscriber.Transcribe(wav, new TranscriptionOptions { Live = true, DecoderLagFrames = 20 });
        Log("live, lag 20", live.Notes);
        Assert.Equal(60, live.Notes[0].Pitch);
        Assert.All(live.Notes, n => Assert.True(n.OffsetSeconds > n.OnsetSeconds, $"{n.Pitch}: {n.OnsetSeconds}-{n.OffsetSeconds}"));
    }

    [Fact]
    public void Live_transcription_equals_the_engine_fed_the_same_audio()
    {
        const int rate = 48000, block = 128;
        // 2.56 s is a whole number of 128-frame blocks, so the harness and the transcriber cut the audio identically.
        string wav = WritePhrase(_dir.File("phrase48.wav"), rate, seconds: 2.56);
        float[] audio = WavFile.ReadMono(wav, out int readRate);
        Assert.Equal(rate, readRate);
        Assert.Equal(0, audio.Length % block);

        var live = FileTranscriber.Transcribe(wav, new TranscriptionOptions { Live = true, HostRate = rate, BlockSize = block });

        var engine = new PyinNoteEngine(rate);
        double tail = 0.5; // what the transcriber feeds after the end at Instant
        var recorder = EngineHarness.Run(engine, audio, block, tail);
        var ons = new List<NoteEvent>();
        var offs = new List<NoteEvent>();
        foreach (var e in recorder.Events)
        {
            if (e.Kind == NoteEventKind.NoteOn) ons.Add(e);
            else if (e.Kind == NoteEventKind.NoteOff) offs.Add(e);
        }
        Log("live", live.Notes);

        Assert.Equal(Truth.Length, live.Notes.Count);
        Assert.Equal(ons.Count, live.Notes.Count);
        Assert.Equal(offs.Count, live.Notes.Count);
        for (int i = 0; i < ons.Count; i++)
        {
            Assert.Equal(ons[i].Pitch, live.Notes[i].Pitch);
            Assert.Equal(ons[i].Velocity, live.Notes[i].Velocity);
            Assert.Equal(ons[i].HostPosition / (double)rate, live.Notes[i].OnsetSeconds, 1e-9);
            // The voice is silent well before the end, so every note is released inside the file.
            Assert.Equal(offs[i].Pitch, live.Notes[i].Pitch);
            Assert.True(offs[i].HostPosition < audio.Length);
            Assert.Equal(offs[i].HostPosition / (double)rate, live.Notes[i].OffsetSeconds, 1e-9);
        }
    }

    [Fact]
    public void Live_notes_do_not_depend_on_the_host_block_size()
    {
        // Short enough for one-frame blocks; at 44.1 kHz so the host-rate resampler is in the path too.
        var notes = new SungNote[] { new(0.15, 0.5, 60), new(0.5, 0.85, 64) };
        float[] audio = TestSignals.Sing(notes, 1.1, 44100);
        string wav = _dir.File("short.wav");
        WavFile.Write(wav, audio, 44100, WavSampleFormat.Pcm16);

        IReadOnlyList<MidiNote> Run(int block) =>
            FileTranscriber.Transcribe(wav, new TranscriptionOptions { Live = true, HostRate = 48000, BlockSize = block }).Notes;

        var reference = Run(128);
        Log("block 128", reference);
        Assert.Equal([60, 64], reference.Select(n => n.Pitch).ToArray());
        foreach (int block in new[] { 1, 17, 4096 })
        {
            var other = Run(block);
            Assert.Equal(reference.Count, other.Count);
            for (int i = 0; i < reference.Count; i++)
                Assert.True(reference[i] == other[i], $"block {block}, note {i}: {other[i]} differs from {reference[i]}");
        }
    }

    [Fact]
    public void Stereo_file_with_the_voice_on_one_channel_is_mixed_down_and_transcribed()
    {
        const int rate = 44100;
        float[] voice = TestSignals.Sing(Truth, 2.5, rate);
        var interleaved = new short[voice.Length * 2];
        for (int i = 0; i < voice.Length; i++)
        {
            interleaved[2 * i] = 0;
            interleaved[2 * i + 1] = (short)Math.Round(Math.Clamp(voice[i], -1f, 1f) * 32767);
        }
        string wav = _dir.File("stereo.wav");
        File.WriteAllBytes(wav, RawWav.Riff(RawWav.Fmt(1, 2, rate, 4, 16), RawWav.Chunk("data", RawWav.Pcm16(interleaved))));

        var result = FileTranscriber.Transcribe(wav, new TranscriptionOptions { Live = false });
        Log("stereo offline", result.Notes);
        Assert.Equal(2.5, result.DurationSeconds, 1e-9);
        Assert.Equal(Truth.Select(n => (int)n.Midi).ToArray(), result.Notes.Select(n => n.Pitch).ToArray());
        for (int i = 0; i < Truth.Length; i++)
            Assert.InRange(result.Notes[i].OnsetSeconds, Truth[i].Onset - 0.040, Truth[i].Onset + 0.040);
    }

    [Fact]
    public void Garbage_wav_throws_an_AudioFileException_naming_the_file()
    {
        string wav = _dir.File("garbage.wav");
        var bytes = new byte[5000];
        new Random(3).NextBytes(bytes);
        File.WriteAllBytes(wav, bytes);

        var e = Assert.Throws<AudioFileException>(() => FileTranscriber.Transcribe(wav, new TranscriptionOptions { Live = true }));
        Assert.Equal(wav, e.FilePath);
        Assert.Contains(wav, e.Message);
    }
}
