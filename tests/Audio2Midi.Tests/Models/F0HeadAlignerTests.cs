using Audio2Midi.Models;

namespace Audio2Midi.Tests.Models;

/// <summary>The shorter head's outputs are handed to the deciding head on the frame it decides the same frame, never before.</summary>
public sealed class F0HeadAlignerTests
{
    private static readonly F0Heads Heads = new([0, 3, 9, 21, 47]);

    /// <summary>Network outputs of frame n: head h's field k is n x 100 + h x 10 + k, so every value names its frame and head.</summary>
    private static float[] Outputs(int n)
    {
        var o = new float[Heads.Size];
        for (int h = 0; h < Heads.Count; h++)
            for (int k = 0; k < F0Heads.PerHead; k++)
                o[h * F0Heads.PerHead + k] = n * 100 + h * 10 + k;
        return o;
    }

    [Theory]
    [InlineData(4, 3)]
    [InlineData(4, 0)]
    [InlineData(2, 1)]
    [InlineData(1, 0)]
    public void TheShorterHeadsVerdictArrivesWhenTheDecidingHeadDecidesThatFrame(int head, int partner)
    {
        var aligner = new F0HeadAligner(Heads, head, partner);
        int lag = Heads.DelayFrames[head] - Heads.DelayFrames[partner];
        Assert.Equal(lag, aligner.LagFrames);
        for (int pass = 0; pass < 2; pass++)   // Reset starts over
        {
            for (int n = 0; n < 300; n++)
            {
                ReadOnlySpan<float> got = aligner.Push(Outputs(n));
                int decided = n - Heads.DelayFrames[head];   // the frame the deciding head's output of frame n belongs to
                if (n < lag)
                {
                    Assert.True(got.IsEmpty, $"frame {n}: the shorter head has not decided frame {decided} yet");
                    continue;
                }
                // The shorter head decided that frame with its output of frame decided + its own delay, lag frames ago.
                int source = decided + Heads.DelayFrames[partner];
                Assert.Equal(n - lag, source);
                for (int k = 0; k < F0Heads.PerHead; k++) Assert.Equal(source * 100 + partner * 10 + k, got[k]);
            }
            aligner.Reset();
        }
    }

    [Fact]
    public void OnlyAShorterHeadCanBeAligned()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new F0HeadAligner(Heads, 3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new F0HeadAligner(Heads, 3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new F0HeadAligner(Heads, 5, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new F0HeadAligner(Heads, 4, -1));
    }
}
