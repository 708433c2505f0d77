namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// tresult codes (pluginterfaces/base/funknown.h). Windows is COM_COMPATIBLE and uses HRESULTs;
/// Linux uses the small non-COM enum.
/// </summary>
internal static class Result
{
    public const int Ok = 0;
    public const int True = 0;
    public const int False = 1;

    public static readonly int NoInterface = OperatingSystem.IsWindows() ? unchecked((int)0x80004002) : -1;
    public static readonly int InvalidArgument = OperatingSystem.IsWindows() ? unchecked((int)0x80070057) : 2;
    public static readonly int NotImplemented = OperatingSystem.IsWindows() ? unchecked((int)0x80004001) : 3;
    public static readonly int InternalError = OperatingSystem.IsWindows() ? unchecked((int)0x80004005) : 4;
    public static readonly int NotInitialized = OperatingSystem.IsWindows() ? unchecked((int)0x8000FFFF) : 5;
    public static readonly int OutOfMemory = OperatingSystem.IsWindows() ? unchecked((int)0x8007000E) : 6;
}
