namespace Audio2Midi.Plugin.Interop;

/// <summary>Enumerations of the VST3 headers that the plugin uses.</summary>
internal static class Vst
{
    public const int MediaAudio = 0, MediaEvent = 1;
    public const int DirectionInput = 0, DirectionOutput = 1;
    public const int BusMain = 0;
    public const uint BusDefaultActive = 1;

    public const int Sample32 = 0, Sample64 = 1;

    public const ulong SpeakerArrangementMono = 1UL << 19;
    public const ulong SpeakerArrangementStereo = 3;

    public const ushort EventNoteOn = 0, EventNoteOff = 1, EventLegacyMidiCCOut = 65535;
    public const byte ControllerPitchBend = 129;
    public const ushort EventFlagIsLive = 1;

    public const int ParamCanAutomate = 1, ParamIsReadOnly = 2, ParamIsList = 8, ParamIsHidden = 16,
        ParamIsProgramChange = 1 << 15, ParamIsBypass = 1 << 16;

    public const int RootUnitId = 0, NoParentUnitId = -1, NoProgramListId = -1;

    public const uint ContextPlaying = 1 << 1;
    public const uint NeedTransportState = 1 << 10;

    public const int RestartLatencyChanged = 1 << 3, RestartParamValuesChanged = 1 << 2, RestartParamTitlesChanged = 1 << 4, RestartMidiCCAssignmentChanged = 1 << 5;
    public const int AllProgramsInvalid = -1;

    public const int SeekSet = 0, SeekCur = 1, SeekEnd = 2;

    public const int ManyInstances = 0x7FFFFFFF;
    public const int FactoryUnicode = 1 << 4;
    public const uint ComponentSimpleModeSupported = 1 << 1;
    public const string AudioEffectClass = "Audio Module Class";
    public const string ComponentControllerClass = "Component Controller Class";
    public const string SdkVersion = "VST 3.7.13";
}
