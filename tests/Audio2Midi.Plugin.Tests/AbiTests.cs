using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Audio2Midi.Plugin.Interop;

namespace Audio2Midi.Plugin.Tests;

/// <summary>
/// The hand-written structs have the sizes and offsets of the SDK's (sizeof/offsetof printed by g++ on
/// x86_64 Linux against vst3_pluginterfaces 3.7.13; Windows x64 lays these out the same).
/// </summary>
public sealed unsafe class AbiTests
{
    [Fact]
    public void StructSizesMatchTheSdk()
    {
        Assert.Equal(452, sizeof(PFactoryInfo));
        Assert.Equal(116, sizeof(PClassInfo));
        Assert.Equal(440, sizeof(PClassInfo2));
        Assert.Equal(696, sizeof(PClassInfoW));
        Assert.Equal(276, sizeof(BusInfo));
        Assert.Equal(12, sizeof(RoutingInfo));
        Assert.Equal(792, sizeof(ParameterInfo));
        Assert.Equal(268, sizeof(UnitInfo));
        Assert.Equal(264, sizeof(ProgramListInfo));
        Assert.Equal(24, sizeof(ProcessSetup));
        Assert.Equal(24, sizeof(AudioBusBuffers));
        Assert.Equal(80, sizeof(ProcessData));
        Assert.Equal(48, sizeof(Event));
        Assert.Equal(20, sizeof(NoteOnEvent));
        Assert.Equal(16, sizeof(NoteOffEvent));
        Assert.Equal(4, sizeof(LegacyMidiCCOutEvent));
        Assert.Equal(16, sizeof(Tuid));
    }

    [Fact]
    public void FieldOffsetsMatchTheSdk()
    {
        Assert.Equal(24, (int)Marshal.OffsetOf<Event>(nameof(Event.NoteOn)));
        Assert.Equal(8, (int)Marshal.OffsetOf<ProcessContext>(nameof(ProcessContext.SampleRate)));
        Assert.Equal(16, (int)Marshal.OffsetOf<ProcessContext>(nameof(ProcessContext.ProjectTimeSamples)));
        ParameterInfo p = default;
        Assert.Equal(776, (int)((byte*)&p.DefaultNormalizedValue - (byte*)&p));
        ProcessData d = default;
        Assert.Equal(24, (int)((byte*)&d.Inputs - (byte*)&d));
        Assert.Equal(72, (int)((byte*)&d.ProcessContext - (byte*)&d));
        Assert.Equal(8, Unsafe.SizeOf<IntPtr>());
    }
}
