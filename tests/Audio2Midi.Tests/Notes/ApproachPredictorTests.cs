using Audio2Midi.Notes;
using Audio2Midi.Tests.Engine;
using Audio2Midi.Tests.Signals;
using Xunit.Abstractions;

namespace Audio2Midi.Tests.Notes;

public class ApproachPredictorTests(ITestOutputHelper output)
{
    private const int Rate = 48000;

    [Theory]
    [InlineData(new[] { 60.0, 61.0, 61.5, 61.75, 61.875 }, 62.0)]          // steps halve: 0.125 still to go
    [InlineData(new[] { 64.0, 63.2, 62.8, 62.6, 62.5 }, 62.4)]             // falling the same way
    [InlineData(new[] { 40.0, 50.0, 51.6, 52.72, 53.504, 54.0528 }, 55.3333333333)] // only the newest five count; ratio 0.7
    public void SlowingApproachComesToRestWhereTheGeometricTailEnds(double[] pitches, double expected)
    {
        Assert.Equal(expected, ApproachPredictor.PredictRest(pitches, 0.75), 6);
    }

    [Theory]
    [InlineData(new[] { 60.0, 60.5, 61.0, 61.5, 62.0 })]      // not slowing (ratio 1)
    [InlineData(new[] { 60.0, 60.5, 60.95, 61.35, 61.71 })]   // slowing too little (ratio 0.9)
    [InlineData(new[] { 60.0, 60.5, 60.9, 60.8, 61.0 })]      // turned back on the way: jitter or vibrato
    [InlineData(new[] { 60.0, 60.3, 60.5, 60.4, 60.2 })]      // turning round: a vibrato peak
    [InlineData(new[] { 60.0, 60.02, 60.05, 60.5, 61.0 })]    // motion has only just begun
    [InlineData(new[] { 60.0, 61.0, 61.5, 61.75 })]           // too few frames
    public void NoPredictionUnlessThePitchIsSlowingIntoANote(double[] pitches)
    {
        Assert.True(double.IsNaN(ApproachPredictor.PredictRest(pitches, 0.75)));
    }

    [Fact]
    public void ZeroRatioTurnsPredictionOff()
    {
        Assert.True(double.IsNaN(ApproachPredictor.PredictRest([60.0, 61.0, 61.5, 61.75, 61.875], 0)));
    }

    /// <summary>
    /// A legato step whose pitch approaches the new note exponentially (time constant 12 ms: a 5 ms frame ratio of 0.66): predicting
    /// where it comes to rest starts the new note earlier than waiting for the pitch to be steady, on
    /// the same (right) pitch.
    /// </summary>
    [Theory]
    [InlineData(62.0)]
    [InlineData(57.0)]
    [InlineData(64.0)]
    public void LegatoApproachIsCaughtBeforeItSettles(double to)
    {
        var sung = new List<SungNote> { new(0.3, 0.9, 60), new(0.9, 1.6, to) };
        var audio = TestSignals.Sing(sung, 1.9, Rate, new VoiceOptions { ApproachTimeConstant = 0.012 });
        var (predicted, waited) = Both(audio);

        Assert.Equal([60, (int)to], predicted.Select(n => n.Pitch));
        Assert.Equal([60, (int)to], waited.Select(n => n.Pitch));
        Assert.InRange(waited[1].OnsetSeconds - predicted[1].OnsetSeconds, 0.004, 0.1);
    }

    private (IReadOnlyList<Audio2Midi.Midi.MidiNote> Predicted, IReadOnlyList<Audio2Midi.Midi.MidiNote> Waited) Both(float[] audio)
    {
        var predicted = EngineHarness.LiveNotes(audio, Rate);
        var waited = EngineHarness.LiveNotes(audio, Rate, new NoteSettings(), timings: new DecisionTimings { ApproachStepRatio = 0 });
        output.WriteLine("predicted:\n" + string.Join("\n", predicted) + "\nwaited:\n" + string.Join("\n", waited));
        return (predicted, waited);
    }
}
