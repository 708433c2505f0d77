using Audio2Midi.Engine;
using Audio2Midi.Models;

namespace Audio2Midi.Tests.Engine;

/// <summary>The hybrid's pitch stage: the model frame's voiced mass moves to the semitone pYIN hears; silence and out-of-range pitches leave it alone.</summary>
public sealed class PyinPitchStageTests
{
    private static readonly PosteriorLayout Layout = new(48, 30);

    private static float[] Tone(double midi, double seconds, int rate)
    {
        double f = 440 * Math.Pow(2, (midi - 69) / 12);
        var x = new float[(int)(seconds * rate)];
        for (int i = 0; i < x.Length; i++)
            for (int k = 1; k <= 6; k++) x[i] += (float)(0.3 / k * Math.Sin(2 * Math.PI * k * f * i / rate));
        return x;
    }

    private static float[] Spread()
    {
        var p = new float[Layout.Size];
        p[Layout.Onset] = 0.7f;
        for (int i = 0; i < Layout.Pitches; i++) p[Layout.Frame + i] = 0.02f;
        p[Layout.Frame + 3] = 0.3f;
        p[Layout.Voicing] = 0.88f;
        return p;
    }

    [Fact]
    public void VoicedMassMovesToTheHeardSemitone()
    {
        var stage = new PyinPitchStage(16000);
        foreach (float s in Tone(57, 0.5, 16000)) stage.Push(s);
        float[] p = Spread();
        float mass = p.AsSpan(Layout.Frame, Layout.Pitches).ToArray().Sum();
        stage.Apply(p, Layout);
        Assert.Equal(mass, p[Layout.Frame + 57 - Layout.MinPitch], 5);
        Assert.Equal(mass, p.AsSpan(Layout.Frame, Layout.Pitches).ToArray().Sum(), 5);
        Assert.Equal(0.7f, p[Layout.Onset]);
        Assert.Equal(0.88f, p[Layout.Voicing]);
    }

    [Fact]
    public void SilenceAndPitchesOutsideTheRangeLeaveTheModelsPitch()
    {
        var stage = new PyinPitchStage(16000);
        foreach (float s in new float[8000]) stage.Push(s);
        float[] p = Spread();
        stage.Apply(p, Layout);
        Assert.Equal(Spread(), p);

        foreach (float s in Tone(84, 0.5, 16000)) stage.Push(s);   // C6, above the range 48..77
        stage.Apply(p, Layout);
        Assert.Equal(Spread(), p);
    }

    [Fact]
    public void PushAndApplyAllocateNothing()
    {
        var stage = new PyinPitchStage(16000);
        float[] tone = Tone(60, 1, 16000);
        float[] p = Spread();
        foreach (float s in tone[..4000]) stage.Push(s);
        long allocated = AllocationProbe.LeastPerPass(() =>
        {
            foreach (float s in tone) stage.Push(s);
            stage.Apply(p, Layout);
        });
        Assert.Equal(0, allocated);
    }
}
