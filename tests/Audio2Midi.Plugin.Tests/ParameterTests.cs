using Audio2Midi.Placement;
using Audio2Midi.Plugin.Interop;
using Audio2Midi.Plugin.Tests.Host;

namespace Audio2Midi.Plugin.Tests;

/// <summary>What a DAW's generic editor shows: parameters, flags, units, value strings, the program list.</summary>
[Collection(PluginCollection.Name)]
public sealed unsafe class ParameterTests
{
    [Fact]
    public void ParametersHaveTitlesUnitsAndFlags()
    {
        using var p = new PluginInstance();
        Assert.Equal(15, p.ParameterCount);
        var infos = Enumerable.Range(0, p.ParameterCount).Select(p.ParameterInfo).ToList();
        var byTitle = infos.ToDictionary(TitleOf);

        ParameterInfo engine = byTitle["Preset"];
        Assert.Equal(Vst.ParamIsProgramChange | Vst.ParamIsList | Vst.ParamCanAutomate, engine.Flags);
        Assert.Equal(0, engine.UnitId);

        // The engine status: read-only, not automatable, one value per status.
        ParameterInfo status = byTitle["Status"];
        Assert.Equal(Vst.ParamIsReadOnly | Vst.ParamIsList, status.Flags);
        Assert.Equal(EngineStatusText.Names.Length - 1, status.StepCount);
        Assert.Equal("pYIN", p.ParamString(status.Id, 0));
        Assert.Equal("pYIN fallback: model too slow for real time", p.ParamString(status.Id, (double)(int)EngineStatus.FallbackTooSlow / (EngineStatusText.Names.Length - 1)));

        ParameterInfo bypass = byTitle["Bypass"];
        Assert.Equal(Vst.ParamIsBypass | Vst.ParamCanAutomate, bypass.Flags);
        Assert.Equal(1, bypass.StepCount);
        Assert.Single(infos, i => (i.Flags & Vst.ParamIsBypass) != 0);

        Assert.Equal("%", UnitsOf(byTitle["Sensitivity"]));
        Assert.Equal("ms", UnitsOf(byTitle["Minimum note length"]));
        Assert.Equal("st", UnitsOf(byTitle["Transpose"]));
        Assert.Equal(48, byTitle["Transpose"].StepCount);
        Assert.Equal(15, byTitle["MIDI channel"].StepCount);
        Assert.Contains("Velocity mode", byTitle.Keys);
        Assert.Contains("Pitch bend", byTitle.Keys);
        Assert.Contains("Pitch bend range", byTitle.Keys);
        Assert.Contains("Scale snap", byTitle.Keys);
        Assert.Contains("Key", byTitle.Keys);
        Assert.All(infos, i => Assert.InRange(i.DefaultNormalizedValue, 0, 1));

        ParameterInfo latency = byTitle["Latency"];
        Assert.Equal(Vst.ParamIsList | Vst.ParamCanAutomate, latency.Flags);
        Assert.Equal(LatencySteps.Milliseconds.Count - 1, latency.StepCount);
        Assert.Equal(LatencySteps.Name(LatencySteps.DefaultMs), p.ParamString((uint)ParameterId.Latency, latency.DefaultNormalizedValue));
        string[] names = Enumerable.Range(0, latency.StepCount + 1).Select(i => p.ParamString((uint)ParameterId.Latency, (double)i / latency.StepCount)).ToArray();
        Assert.Equal(["Instant", "30 ms", "60 ms", "120 ms", "250 ms"], names);
    }

    private static string TitleOf(ParameterInfo i) => Strings.ReadUtf16(i.Title, 128);

    private static string UnitsOf(ParameterInfo i) => Strings.ReadUtf16(i.Units, 128);

    [Fact]
    public void ValueStringsRoundTrip()
    {
        using var p = new PluginInstance();
        Assert.Equal("+12", p.ParamString((uint)ParameterId.Transpose, 0.75));
        Assert.Equal("-24", p.ParamString((uint)ParameterId.Transpose, 0));
        Assert.Equal("16", p.ParamString((uint)ParameterId.Channel, 1));
        Assert.Equal("50.0", p.ParamString((uint)ParameterId.Sensitivity, 0.5));
        Assert.Equal("40", p.ParamString((uint)ParameterId.MinNoteLength, p.GetParamNormalized((uint)ParameterId.MinNoteLength)));
        Assert.Equal("Major", p.ParamString((uint)ParameterId.Scale, 1.0 / 5));
        Assert.Equal("A", p.ParamString((uint)ParameterId.Key, 9.0 / 11));
        Assert.Equal("pYIN (live)", p.ParamString((uint)ParameterId.Engine, 0));
        Assert.Equal("On", p.ParamString((uint)ParameterId.Bypass, 1));

        Assert.Equal(Result.Ok, p.ParamValueByString((uint)ParameterId.Transpose, "+12", out double t));
        Assert.Equal(0.75, t, 12);
        Assert.Equal(Result.Ok, p.ParamValueByString((uint)ParameterId.MinNoteLength, "100 ms", out double ms));
        Assert.Equal("100", p.ParamString((uint)ParameterId.MinNoteLength, ms));
        Assert.Equal(Result.Ok, p.ParamValueByString((uint)ParameterId.Key, "f#", out double key));
        Assert.Equal("F#", p.ParamString((uint)ParameterId.Key, key));
        Assert.NotEqual(Result.Ok, p.ParamValueByString((uint)ParameterId.Transpose, "loud", out _));
    }

    [Fact]
    public void EngineListIsTheUnitProgramList()
    {
        using var p = new PluginInstance();
        Assert.Equal(1, p.ProgramListCount);
        Assert.Equal(Result.Ok, p.ProgramListInfo(0, out ProgramListInfo list));
        Assert.Equal(ProgramList.Count, list.ProgramCount);
        Assert.Equal("pYIN (live)", p.ProgramName(list.Id, 0));
        ParameterInfo engine = p.ParameterInfo(0);
        Assert.Equal(list.ProgramCount - 1, engine.StepCount);
    }
}
