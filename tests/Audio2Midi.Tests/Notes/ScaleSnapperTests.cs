using Audio2Midi.Notes;

namespace Audio2Midi.Tests.Notes;

public class ScaleSnapperTests
{
    [Theory]
    [InlineData(60.0, 60)]
    [InlineData(60.49, 60)]
    [InlineData(60.5, 60)]   // ties go down
    [InlineData(60.51, 61)]
    [InlineData(59.6, 60)]
    [InlineData(-0.2, 0)]
    public void ChromaticRoundsToNearest(double midi, int expected) =>
        Assert.Equal(expected, ScaleSnapper.Snap(midi, Scale.Chromatic, 0));

    [Theory]
    [InlineData(61.0, Scale.Major, 0, 60)]        // C# -> C in C major (tie C/D goes down)
    [InlineData(61.3, Scale.Major, 0, 62)]        // nearer D
    [InlineData(66.0, Scale.Major, 0, 65)]        // F# -> F (tie F/G goes down)
    [InlineData(63.0, Scale.NaturalMinor, 0, 63)] // Eb is in C minor
    [InlineData(64.0, Scale.NaturalMinor, 0, 63)] // E -> Eb in C minor
    [InlineData(66.0, Scale.Major, 2, 66)]        // F# is in D major
    [InlineData(65.2, Scale.Major, 2, 66)]        // F -> F# in D major
    [InlineData(68.0, Scale.HarmonicMinor, 9, 68)] // G# is in A harmonic minor
    [InlineData(62.0, Scale.MajorPentatonic, 0, 62)]
    [InlineData(65.4, Scale.MajorPentatonic, 0, 64)] // F is not in C major pentatonic
    [InlineData(61.0, Scale.MinorPentatonic, 9, 60)]
    public void SnapsToTheNearestNoteOfTheScale(double midi, Scale scale, int key, int expected) =>
        Assert.Equal(expected, ScaleSnapper.Snap(midi, scale, key));

    [Fact]
    public void EverySnappedNoteIsInTheScale()
    {
        foreach (Scale scale in Enum.GetValues<Scale>())
        {
            if (scale == Scale.Chromatic) continue;
            for (int key = 0; key < 12; key++)
                for (double midi = 30; midi < 90; midi += 0.07)
                {
                    int note = ScaleSnapper.Snap(midi, scale, key);
                    Assert.Contains(((note - key) % 12 + 12) % 12, ScaleSnapper.Degrees(scale).ToArray());
                    Assert.True(Math.Abs(note - midi) <= 1.5 + 1e-9, $"{scale} {key}: {midi} -> {note}");
                }
        }
    }
}
