using Audio2Midi.Models;
using Audio2Midi.Tests.Signals;
using Audio2Midi.Training.F0;
using Audio2Midi.Training.Synthesis;

namespace Audio2Midi.Tests.Learning;

/// <summary>
/// Rooms for the f0 model's augmented copies (`a2m train-f0 --rooms`): draws inside the generator's ranges and
/// repeatable by seed, labels untouched, and the sung pitch still what the engine's f0 track hears.
/// </summary>
public sealed class RoomAugmentationTests
{
    [Fact]
    public void DrawsStayInTheGeneratorsRangesAndRepeatBySeed()
    {
        for (int seed = 0; seed < 300; seed++)
        {
            float[] a = Tone(seed), b = Tone(seed);
            RoomAugmentation.Room first = RoomAugmentation.Apply(a, 16000, new Random(seed));
            RoomAugmentation.Room again = RoomAugmentation.Apply(b, 16000, new Random(seed));
            Assert.Equal(first, again);
            Assert.Equal(a, b);
            Assert.InRange(first.Rt60Seconds, RoomRanges.MinRt60Seconds, RoomRanges.MaxRt60Seconds);
            Assert.InRange(first.Wet, 0, RoomRanges.MaxWet);
            Assert.InRange(first.SnrDb, RoomRanges.MinSnrDb, RoomRanges.MaxSnrDb);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ATakeInARoomKeepsItsLabelsAndItsPitch(int seed)
    {
        using var phrase = new SungPhraseFiles();
        F0Heads heads = F0Heads.ForSteps([0, 60]);

        F0Recording dry = F0Dataset.Render(phrase.Wav, phrase.Csv, 2.5, heads);
        F0Recording wet = F0Dataset.Render(phrase.Wav, phrase.Csv, 2.5, heads, 0, 1, Audio2Midi.Features.F0FeatureSet.Pitch, new Random(seed), out RoomAugmentation.Room? room);

        Assert.NotNull(room);
        Assert.Equal(dry.Frame, wet.Frame);
        Assert.Equal(dry.Onset, wet.Onset);
        Assert.NotEqual(dry.Track.Features, wet.Track.Features);
        int labelled = 0, heard = 0;
        for (int t = 0; t < wet.Frames; t++)
        {
            if (wet.Frame[t] == 0) continue;
            labelled++;
            double pitch = wet.Starts.Last(s => s.Frame <= t).Pitch;   // the labelled note's pitch, already shifted
            if (Math.Abs(wet.Track.Midi[t] - pitch) < 0.5) heard++;
        }
        Assert.True(heard >= 0.8 * labelled, $"{room}: {heard} of {labelled} labelled frames hear the sung pitch within half a semitone");
    }

    [Fact]
    public void AShareOutsideZeroToOneIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new F0TrainOptions { RoomProbability = 1.5 }.Validate());

    private static float[] Tone(int seed) =>
        Enumerable.Range(0, 4000).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * (200 + seed) * i / 16000.0))).ToArray();
}
