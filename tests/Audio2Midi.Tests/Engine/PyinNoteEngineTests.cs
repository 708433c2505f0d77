using Audio2Midi.Engine;
using Audio2Midi.Notes;
using Audio2Midi.Tests.Signals;
using Xunit.Abstractions;

namespace Audio2Midi.Tests.Engine;

public class PyinNoteEngineTests(ITestOutputHelper output)
{
    private const int Rate = 48000;

    [Theory]
    [InlineData(45.0)]   // A2, 110 Hz: low male voice
    [InlineData(57.0)]   // A3, 220 Hz
    [InlineData(64.0)]   // E4
    [InlineData(76.0)]   // E5, 659 Hz: soprano
    [InlineData(86.0)]   // D6, 1175 Hz
    public void SustainedToneGivesOneNoteAtItsPitchWithinTheLatencyBudget(double midi)
    {
        var audio = TestSignals.Sing([new SungNote(0.5, 1.5, midi)], 2.0, Rate);
        var notes = EngineHarness.LiveNotes(audio, Rate);
        output.WriteLine(string.Join("\n", notes));
        var note = Assert.Single(notes);
        Assert.Equal((int)midi, note.Pitch);
        double latency = note.OnsetSeconds - 0.5;
        Assert.InRange(latency, 0.005, 0.045);
        Assert.InRange(note.OffsetSeconds, 1.5, 1.56);
    }

    [Fact]
    public void PureSineIsFoundToo()
    {
        var audio = new float[Rate / 2].Concat(TestSignals.Sine(440, 1.0, Rate)).ToArray();
        var note = Assert.Single(EngineHarness.LiveNotes(audio, Rate));
        Assert.Equal(69, note.Pitch);
    }

    [Fact]
    public void LegatoPhraseWithVibratoAndGlidesGivesEveryNote()
    {
        double[] pitches = [60, 62, 64, 65, 67, 65, 64, 62, 60, 55];
        var sung = TestSignals.Phrase(0.3, 0.35, pitches);
        var voice = new VoiceOptions { VibratoHz = 5.5, VibratoSemitones = 0.3, GlideSeconds = 0.04 };
        var audio = TestSignals.Sing(sung, 0.3 + 0.35 * pitches.Length + 0.5, Rate, voice);
        var notes = EngineHarness.LiveNotes(audio, Rate);
        output.WriteLine(string.Join("\n", notes));
        Assert.Equal(pitches.Length, notes.Count);
        for (int i = 0; i < pitches.Length; i++)
        {
            Assert.Equal((int)pitches[i], notes[i].Pitch);
            // Whole-tone steps land within ~60 ms; semitone steps under vibrato need the longer
            // confirmation (vibrato peaks look like small steps) and take up to ~125 ms.
            bool semitone = i > 0 && Math.Abs(pitches[i] - pitches[i - 1]) < 1.5;
            Assert.InRange(notes[i].OnsetSeconds - sung[i].Onset, 0.0, semitone ? 0.13 : 0.07);
        }
    }

    [Fact]
    public void WideSlowVibratoDoesNotSplitTheNote()
    {
        var voice = new VoiceOptions { VibratoHz = 5.0, VibratoSemitones = 0.45 };
        var audio = TestSignals.Sing([new SungNote(0.2, 2.2, 62)], 2.5, Rate, voice);
        var note = Assert.Single(EngineHarness.LiveNotes(audio, Rate));
        Assert.Equal(62, note.Pitch);
    }

    /// <summary>
    /// Operatic and ornamented singing swings a semitone or more either side of the note. Vibrato that
    /// grows in after the onset, as most singers' does, gives one note up to +-0.7 semitone; wider, its
    /// first full swing can look like a brief step to the next semitone (it turns back ~0.2 s later)
    /// until the vibrato has turned round three times, and from then on the note is its centre.
    /// </summary>
    [Theory]
    [InlineData(0.7, 5.5, 1)]
    [InlineData(1.0, 5.5, 3)]
    [InlineData(1.3, 6.0, 4)]
    [InlineData(1.0, 4.5, 4)]
    public void WideVibratoDoesNotSplitTheNote(double semitones, double hz, int maxNotes)
    {
        var voice = new VoiceOptions { VibratoHz = hz, VibratoSemitones = semitones, VibratoDelaySeconds = 0.15 };
        var audio = TestSignals.Sing([new SungNote(0.2, 2.2, 62)], 2.5, Rate, voice);
        var notes = EngineHarness.LiveNotes(audio, Rate);
        output.WriteLine(string.Join("\n", notes));
        Assert.Equal(62, notes[0].Pitch);
        Assert.Equal(62, notes[^1].Pitch);
        Assert.InRange(notes.Count, 1, maxNotes);
        Assert.True(notes[^1].OffsetSeconds - notes[^1].OnsetSeconds > 1.25, "the note's centre holds from well before 1 s to the end");
    }

    /// <summary>
    /// A wide vibrato from the very first moment cannot be told from a trill until it has turned round
    /// three times; from then on (well before a second has passed) the note is its centre.
    /// </summary>
    [Theory]
    [InlineData(1.0, 5.5)]
    [InlineData(1.3, 6.0)]
    public void WideVibratoFromTheOnsetSettlesOnItsCentre(double semitones, double hz)
    {
        var voice = new VoiceOptions { VibratoHz = hz, VibratoSemitones = semitones };
        var audio = TestSignals.Sing([new SungNote(0.2, 2.2, 62)], 2.5, Rate, voice);
        var notes = EngineHarness.LiveNotes(audio, Rate);
        output.WriteLine(string.Join("\n", notes));
        Assert.Equal(62, notes[^1].Pitch);
        Assert.InRange(notes[^1].OnsetSeconds, 0.2, 0.9);
        Assert.InRange(notes.Count, 1, 6);
    }

    [Fact]
    public void ScoopIntoANoteEndsOnTheTargetPitch()
    {
        var voice = new VoiceOptions { ScoopSemitones = 1.5, ScoopSeconds = 0.06 };
        var audio = TestSignals.Sing([new SungNote(0.2, 1.0, 67)], 1.3, Rate, voice);
        var notes = EngineHarness.LiveNotes(audio, Rate);
        output.WriteLine(string.Join("\n", notes));
        Assert.Equal(67, notes[^1].Pitch);
        Assert.True(notes[^1].OffsetSeconds - notes[^1].OnsetSeconds > 0.6);
    }

    [Fact]
    public void RepeatedPitchWithGapsGivesSeparateNotes()
    {
        var sung = new List<SungNote> { new(0.2, 0.5, 64), new(0.6, 0.9, 64), new(1.0, 1.3, 64) };
        var notes = EngineHarness.LiveNotes(TestSignals.Sing(sung, 1.6, Rate), Rate);
        Assert.Equal(3, notes.Count);
        Assert.All(notes, n => Assert.Equal(64, n.Pitch));
    }

    [Fact]
    public void ConsonantBetweenSyllablesOnOnePitchStartsANewNote()
    {
        // "la-la" on one pitch: the tone never stops, but a 20 ms consonant takes level and periodicity away.
        var sung = new List<SungNote> { new(0.2, 0.7, 62), new(0.7, 1.3, 62) };
        var audio = TestSignals.Sing(sung, 1.6, Rate);
        var noise = TestSignals.WhiteNoise(0.02, Rate, 0.05, seed: 3);
        int start = (int)(0.69 * Rate);
        for (int i = 0; i < noise.Length; i++) audio[start + i] = 0.1f * audio[start + i] + noise[i];
        var notes = EngineHarness.LiveNotes(audio, Rate);
        output.WriteLine(string.Join("\n", notes));
        Assert.Equal(2, notes.Count);
        Assert.All(notes, n => Assert.Equal(62, n.Pitch));
        Assert.InRange(notes[1].OnsetSeconds - 0.69, 0.0, 0.05);
    }

    [Fact]
    public void NoteStuckOnTheWrongSemitoneIsReplaced()
    {
        // A slow slide up into the note (150 ms, 1.2 semitones) fools the onset; the note then sits on 65.
        var voice = new VoiceOptions { ScoopSemitones = 1.2, ScoopSeconds = 0.15 };
        var audio = TestSignals.Sing([new SungNote(0.2, 1.5, 65)], 1.8, Rate, voice);
        var notes = EngineHarness.LiveNotes(audio, Rate, new NoteSettings { AutoTuning = false });
        output.WriteLine(string.Join("\n", notes));
        Assert.Equal(65, notes[^1].Pitch);
        Assert.True(notes[^1].OnsetSeconds < 0.7, "the right note comes within half a second");
    }

    [Fact]
    public void BriefOctaveErrorDoesNotStartANewNote()
    {
        // 30 ms an octave up in the middle of a note, as a pitch tracker's octave error would look.
        var sung = new List<SungNote> { new(0.2, 0.8, 57), new(0.8, 0.83, 69), new(0.83, 1.4, 57) };
        var notes = EngineHarness.LiveNotes(TestSignals.Sing(sung, 1.7, Rate), Rate);
        output.WriteLine(string.Join("\n", notes));
        var note = Assert.Single(notes);
        Assert.Equal(57, note.Pitch);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.05)]
    [InlineData(0.001)]
    public void WhiteNoiseGivesNoNotes(double rms)
    {
        Assert.Empty(EngineHarness.LiveNotes(TestSignals.WhiteNoise(3, Rate, rms), Rate));
    }

    [Fact]
    public void SilenceGivesNoNotes()
    {
        Assert.Empty(EngineHarness.LiveNotes(TestSignals.Silence(3, Rate), Rate));
    }

    [Fact]
    public void NotesSurviveModerateNoise()
    {
        var sung = TestSignals.Phrase(0.3, 0.4, 59, 62, 66, 59);
        var audio = TestSignals.Sing(sung, 2.2, Rate, new VoiceOptions { NoiseRms = 0.01 });
        var notes = EngineHarness.LiveNotes(audio, Rate);
        Assert.Equal([59, 62, 66, 59], notes.Select(n => n.Pitch));
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(22050)]
    [InlineData(96000)]
    [InlineData(16000)]
    public void WorksAtEveryHostRate(int rate)
    {
        var sung = TestSignals.Phrase(0.3, 0.4, 55, 60, 64);
        var notes = EngineHarness.LiveNotes(TestSignals.Sing(sung, 1.9, rate), rate);
        Assert.Equal([55, 60, 64], notes.Select(n => n.Pitch));
        Assert.InRange(notes[0].OnsetSeconds - 0.3, 0.0, 0.045);
    }

    [Fact]
    public void EventsDoNotDependOnBlockSize()
    {
        var sung = TestSignals.Phrase(0.1, 0.3, 60, 63, 67, 72, 67);
        var audio = TestSignals.Sing(sung, 2.0, Rate, new VoiceOptions { VibratoHz = 6, VibratoSemitones = 0.2, NoiseRms = 0.003 });
        var settings = new NoteSettings { PitchBendEnabled = true };
        NoteEvent[]? reference = null;
        foreach (int block in new[] { 1, 17, 128, 4096, 8192 })
        {
            var engine = new PyinNoteEngine(Rate, null, settings);
            var events = EngineHarness.Run(engine, audio, block).Events.ToArray()
                .Select(e => e with { SampleOffset = 0 }).ToArray();
            Assert.NotEmpty(events);
            if (reference is null) reference = events;
            else Assert.Equal(reference, events);
        }
    }

    [Fact]
    public void RandomBlockSizesGiveTheSameEventsAsFixedOnes()
    {
        var audio = TestSignals.Sing(TestSignals.Phrase(0.1, 0.3, 52, 55, 59), 1.3, 44100);
        var fixedEvents = EngineHarness.Run(new PyinNoteEngine(44100), audio, 128).Events.ToArray();
        var engine = new PyinNoteEngine(44100);
        var recorder = new EventRecorder();
        var random = new Random(3);
        int position = 0;
        while (position < audio.Length)
        {
            int n = Math.Min(random.Next(0, 700), audio.Length - position);
            engine.Process(audio.AsSpan(position, n), recorder);
            position += n;
        }
        var tail = new float[128];
        while (engine.Position < audio.Length + (int)(0.3 * 44100)) engine.Process(tail.AsSpan(0, (int)Math.Min(128, audio.Length + (int)(0.3 * 44100) - engine.Position)), recorder);
        engine.Release(recorder);
        Assert.Equal(fixedEvents.Select(e => (e.Kind, e.HostPosition, e.Pitch)), recorder.Events.ToArray().Select(e => (e.Kind, e.HostPosition, e.Pitch)));
    }

    [Fact]
    public void SampleOffsetsLieInsideTheirBlock()
    {
        var audio = TestSignals.Sing(TestSignals.Phrase(0.1, 0.3, 60, 64), 1.0, Rate);
        var engine = new PyinNoteEngine(Rate);
        var recorder = new EventRecorder();
        for (int i = 0; i < audio.Length; i += 256)
        {
            int before = recorder.Count;
            long start = engine.Position;
            engine.Process(audio.AsSpan(i, Math.Min(256, audio.Length - i)), recorder);
            for (int k = before; k < recorder.Count; k++)
            {
                var e = recorder.Events[k];
                Assert.InRange(e.SampleOffset, 0, 255);
                Assert.Equal(start + e.SampleOffset, e.HostPosition);
            }
        }
        Assert.True(recorder.Count > 0);
    }

    [Fact]
    public void SteadyStateAllocatesNothing()
    {
        var audio = TestSignals.Sing(TestSignals.Phrase(0.1, 0.25, 60, 62, 64, 65, 67, 69, 71, 72), 2.5, Rate,
            new VoiceOptions { VibratoHz = 5, VibratoSemitones = 0.3, NoiseRms = 0.002 });
        var engine = new PyinNoteEngine(Rate, null, new NoteSettings { PitchBendEnabled = true });
        var recorder = new EventRecorder();
        // Warm-up: one pass through every code path.
        for (int i = 0; i + 128 <= audio.Length; i += 128) engine.Process(audio.AsSpan(i, 128), recorder);
        recorder.Clear();
        int blocks = 0;
        long allocated = AllocationProbe.LeastPerPass(() =>
        {
            for (int i = 0; i + 128 <= audio.Length; i += 128, blocks++) engine.Process(audio.AsSpan(i, 128), recorder);
            engine.Release(recorder);
        });
        output.WriteLine($"{blocks} blocks, {recorder.Count} events, {allocated} bytes allocated");
        Assert.True(recorder.Count > 20);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void NanInfAndDenormalInputIsSurvived()
    {
        var audio = TestSignals.Sing(TestSignals.Phrase(0.2, 0.4, 60, 65, 60, 65), 2.0, Rate);
        for (int i = (int)(0.9 * Rate); i < (int)(0.95 * Rate); i++) audio[i] = float.NaN;
        audio[(int)(0.97 * Rate)] = float.PositiveInfinity;
        audio[(int)(0.98 * Rate)] = float.NegativeInfinity;
        audio[(int)(0.99 * Rate)] = 1e-42f;
        var notes = EngineHarness.LiveNotes(audio, Rate);
        output.WriteLine(string.Join("\n", notes));
        Assert.Contains(notes, n => n.OnsetSeconds > 1.0 && n.Pitch == 60);
        Assert.Contains(notes, n => n.OnsetSeconds > 1.4 && n.Pitch == 65);

        var denormals = Enumerable.Repeat(1e-40f, Rate).ToArray();
        Assert.Empty(EngineHarness.LiveNotes(denormals, Rate));
    }

    [Fact]
    public void ResetForgetsEverything()
    {
        var audio = TestSignals.Sing(TestSignals.Phrase(0.1, 0.3, 60, 67), 0.9, Rate);
        var engine = new PyinNoteEngine(Rate);
        var first = EngineHarness.Run(engine, audio, 128).Events.ToArray();
        engine.Reset();
        var second = EngineHarness.Run(engine, audio, 128).Events.ToArray();
        Assert.Equal(first, second);
    }

    [Fact]
    public void EveryNoteOnHasANoteOff()
    {
        var audio = TestSignals.Sing(TestSignals.Phrase(0.1, 0.2, 60, 62, 64, 60, 55), 1.5, Rate);
        var engine = new PyinNoteEngine(Rate);
        var recorder = new EventRecorder();
        engine.Process(audio.AsSpan(0, (int)(0.5 * Rate)), recorder);
        engine.Release(recorder); // as on bypass or transport stop, mid-note
        int open = 0;
        foreach (var e in recorder.Events)
        {
            if (e.Kind == NoteEventKind.NoteOn) { Assert.Equal(0, open); open++; }
            if (e.Kind == NoteEventKind.NoteOff) { Assert.Equal(1, open); open--; }
        }
        Assert.Equal(0, open);
        Assert.True(recorder.Count >= 2);
    }

    [Fact]
    public void DeclaredLatencyMatchesMeasuredLatency()
    {
        var engine = new PyinNoteEngine(Rate);
        var audio = TestSignals.Sing([new SungNote(0.5, 1.0, 60)], 1.3, Rate);
        var on = EngineHarness.Run(engine, audio, 64).Events.ToArray().First(e => e.Kind == NoteEventKind.NoteOn);
        double measured = on.HostPosition - 0.5 * Rate;
        output.WriteLine($"declared {engine.LatencySamples}, measured {measured}");
        Assert.InRange(measured, engine.LatencySamples * 0.6, engine.LatencySamples * 1.4);
    }
}
