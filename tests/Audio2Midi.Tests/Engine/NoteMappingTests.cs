using Audio2Midi.Engine;
using Audio2Midi.Notes;
using Audio2Midi.Tests.Signals;
using Xunit.Abstractions;

namespace Audio2Midi.Tests.Engine;

/// <summary>What the MIDI mapping settings do to the notes: transpose, channel, scale, velocity, pitch bend.</summary>
public class NoteMappingTests(ITestOutputHelper output)
{
    private const int Rate = 48000;

    [Fact]
    public void TransposeAndChannelApplyToEveryNote()
    {
        var audio = TestSignals.Sing(TestSignals.Phrase(0.2, 0.3, 60, 64, 67), 1.4, Rate);
        var notes = EngineHarness.LiveNotes(audio, Rate, new NoteSettings { Transpose = -12, Channel = 9 });
        Assert.Equal([48, 52, 55], notes.Select(n => n.Pitch));
        Assert.All(notes, n => Assert.Equal(9, n.Channel));
    }

    [Fact]
    public void ScaleSnappingMovesOutOfScaleNotes()
    {
        // C# sung in C major becomes C or D; F# in D major stays.
        var audio = TestSignals.Sing([new SungNote(0.2, 0.7, 61.3)], 1.0, Rate);
        Assert.Equal(62, Assert.Single(EngineHarness.LiveNotes(audio, Rate, new NoteSettings { Scale = Scale.Major, Key = 0, AutoTuning = false })).Pitch);
        audio = TestSignals.Sing([new SungNote(0.2, 0.7, 66)], 1.0, Rate);
        Assert.Equal(66, Assert.Single(EngineHarness.LiveNotes(audio, Rate, new NoteSettings { Scale = Scale.Major, Key = 2 })).Pitch);
    }

    [Fact]
    public void LouderSingingGivesHigherVelocity()
    {
        int Velocity(double amplitude) => Assert.Single(EngineHarness.LiveNotes(
            TestSignals.Sing([new SungNote(0.2, 0.7, 60)], 1.0, Rate, new VoiceOptions { Amplitude = amplitude }), Rate)).Velocity;
        int soft = Velocity(0.02), medium = Velocity(0.1), loud = Velocity(0.6);
        output.WriteLine($"velocities {soft} {medium} {loud}");
        Assert.True(soft < medium && medium < loud);
        Assert.InRange(soft, 1, 127);
        Assert.InRange(loud, 1, 127);
        var fixedNotes = EngineHarness.LiveNotes(TestSignals.Sing([new SungNote(0.2, 0.7, 60)], 1.0, Rate, new VoiceOptions { Amplitude = 0.02 }), Rate,
            new NoteSettings { VelocityMode = VelocityMode.Fixed, FixedVelocity = 99 });
        Assert.Equal(99, Assert.Single(fixedNotes).Velocity);
    }

    [Fact]
    public void PitchBendFollowsVibrato()
    {
        const double depth = 0.4, rate = 5.5, range = 2.0;
        var audio = TestSignals.Sing([new SungNote(0.2, 2.2, 62)], 2.5, Rate, new VoiceOptions { VibratoHz = rate, VibratoSemitones = depth });
        var engine = new PyinNoteEngine(Rate, null, new NoteSettings { PitchBendEnabled = true, PitchBendRangeSemitones = range });
        var events = EngineHarness.Run(engine, audio, 128).Events.ToArray();
        var bends = events.Where(e => e.Kind == NoteEventKind.PitchBend && e.HostPosition > 0.6 * Rate && e.HostPosition < 2.0 * Rate).ToList();
        output.WriteLine($"{bends.Count} bends, min {bends.Min(b => b.BendValue)}, max {bends.Max(b => b.BendValue)}");
        // Expected swing: +-0.4 semitone of a 2-semitone range = +-1638.
        double expected = depth / range * 8192;
        Assert.InRange(bends.Max(b => b.BendValue), 0.75 * expected, 1.25 * expected);
        Assert.InRange(bends.Min(b => b.BendValue), -1.25 * expected, -0.75 * expected);
        // It oscillates at the vibrato rate: count the sign changes over 1.4 s.
        int crossings = 0;
        for (int i = 1; i < bends.Count; i++) if (Math.Sign(bends[i].BendValue) != Math.Sign(bends[i - 1].BendValue)) crossings++;
        Assert.InRange(crossings, 2 * rate * 1.4 - 3, 2 * rate * 1.4 + 3);
        // Every note ends with the bend back at zero.
        var lastBend = events.Last(e => e.Kind == NoteEventKind.PitchBend);
        Assert.Equal(0, lastBend.BendValue);
    }

    [Fact]
    public void PitchBendOffSendsNoBends()
    {
        var audio = TestSignals.Sing([new SungNote(0.2, 1.2, 62)], 1.5, Rate, new VoiceOptions { VibratoHz = 5, VibratoSemitones = 0.4 });
        var events = EngineHarness.Run(new PyinNoteEngine(Rate), audio, 128).Events.ToArray();
        Assert.DoesNotContain(events, e => e.Kind == NoteEventKind.PitchBend);
    }

    [Fact]
    public void ChangingTransposeMidNoteEndsTheOldNoteAndStartsTheNewOne()
    {
        var settings = new NoteSettings();
        var engine = new PyinNoteEngine(Rate, null, settings);
        var audio = TestSignals.Sing([new SungNote(0.1, 1.0, 60)], 1.2, Rate);
        var recorder = new EventRecorder();
        engine.Process(audio.AsSpan(0, Rate / 2), recorder);
        settings.Transpose = 7;
        engine.Process(audio.AsSpan(Rate / 2), recorder);
        engine.Release(recorder);
        var kinds = recorder.Events.ToArray().Where(e => e.Kind != NoteEventKind.PitchBend).Select(e => (e.Kind, e.Pitch)).ToList();
        Assert.Equal([(NoteEventKind.NoteOn, 60), (NoteEventKind.NoteOff, 60), (NoteEventKind.NoteOn, 67), (NoteEventKind.NoteOff, 67)], kinds);
    }
}
