using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

// Structs of the VST3 ABI (pluginterfaces, 64-bit: natural alignment, falignpush.h packs to 16).
// Field order and sizes follow the headers; sizes are checked by tests against the SDK's values.

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PFactoryInfo
{
    public fixed byte Vendor[64];
    public fixed byte Url[256];
    public fixed byte Email[128];
    public int Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PClassInfo
{
    public Tuid Cid;
    public int Cardinality;
    public fixed byte Category[32];
    public fixed byte Name[64];
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PClassInfo2
{
    public Tuid Cid;
    public int Cardinality;
    public fixed byte Category[32];
    public fixed byte Name[64];
    public uint ClassFlags;
    public fixed byte SubCategories[128];
    public fixed byte Vendor[64];
    public fixed byte Version[64];
    public fixed byte SdkVersion[64];
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PClassInfoW
{
    public Tuid Cid;
    public int Cardinality;
    public fixed byte Category[32];
    public fixed char Name[64];
    public uint ClassFlags;
    public fixed byte SubCategories[128];
    public fixed char Vendor[64];
    public fixed char Version[64];
    public fixed char SdkVersion[64];
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BusInfo
{
    public int MediaType;
    public int Direction;
    public int ChannelCount;
    public fixed char Name[128];
    public int BusType;
    public uint Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal struct RoutingInfo
{
    public int MediaType;
    public int BusIndex;
    public int Channel;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ParameterInfo
{
    public uint Id;
    public fixed char Title[128];
    public fixed char ShortTitle[128];
    public fixed char Units[128];
    public int StepCount;
    public double DefaultNormalizedValue;
    public int UnitId;
    public int Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct UnitInfo
{
    public int Id;
    public int ParentUnitId;
    public fixed char Name[128];
    public int ProgramListId;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ProgramListInfo
{
    public int Id;
    public fixed char Name[128];
    public int ProgramCount;
}

[StructLayout(LayoutKind.Sequential)]
internal struct ProcessSetup
{
    public int ProcessMode;
    public int SymbolicSampleSize;
    public int MaxSamplesPerBlock;
    public double SampleRate;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct AudioBusBuffers
{
    public int NumChannels;
    public ulong SilenceFlags;
    /// <summary>Sample32** or Sample64** (a union in the header).</summary>
    public void** ChannelBuffers;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ProcessData
{
    public int ProcessMode;
    public int SymbolicSampleSize;
    public int NumSamples;
    public int NumInputs;
    public int NumOutputs;
    public AudioBusBuffers* Inputs;
    public AudioBusBuffers* Outputs;
    public void* InputParameterChanges;
    public void* OutputParameterChanges;
    public void* InputEvents;
    public void* OutputEvents;
    public ProcessContext* ProcessContext;
}

/// <summary>The leading fields of ProcessContext that the plugin reads (it never writes or sizes one).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ProcessContext
{
    public uint State;
    public double SampleRate;
    public long ProjectTimeSamples;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NoteOnEvent
{
    public short Channel;
    public short Pitch;
    public float Tuning;
    public float Velocity;
    public int Length;
    public int NoteId;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NoteOffEvent
{
    public short Channel;
    public short Pitch;
    public float Velocity;
    public int NoteId;
    public float Tuning;
}

[StructLayout(LayoutKind.Sequential)]
internal struct LegacyMidiCCOutEvent
{
    public byte ControlNumber;
    public sbyte Channel;
    public sbyte Value;
    public sbyte Value2;
}

/// <summary>Event: 24 bytes of header, then a 24-byte union (the largest member holds a pointer).</summary>
[StructLayout(LayoutKind.Explicit, Size = 48)]
internal struct Event
{
    [FieldOffset(0)] public int BusIndex;
    [FieldOffset(4)] public int SampleOffset;
    [FieldOffset(8)] public double PpqPosition;
    [FieldOffset(16)] public ushort Flags;
    [FieldOffset(18)] public ushort Type;
    [FieldOffset(24)] public NoteOnEvent NoteOn;
    [FieldOffset(24)] public NoteOffEvent NoteOff;
    [FieldOffset(24)] public LegacyMidiCCOutEvent MidiCCOut;
}

/// <summary>ViewRect (gui/iplugview.h): left, top, right, bottom in pixels.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ViewRect
{
    public int Left, Top, Right, Bottom;

    public readonly int Width => Right - Left;

    public readonly int Height => Bottom - Top;
}
