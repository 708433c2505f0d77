using Audio2Midi.Plugin.Interop;

namespace Audio2Midi.Plugin;

/// <summary>What the factory tells a host about the plugin: names, class ids, category.</summary>
internal static class PluginInfo
{
    public const string Name = "Audio2Midi";
    public const string ControllerName = "Audio2Midi Controller";
    public const string Vendor = "Audio2Midi";
    public const string Url = "https://github.com/audio2midi";
    public const string Email = "";
    public const string Version = "0.1.0";

    /// <summary>Lists the plugin among analysers/tools; the event output bus makes it a MIDI source.</summary>
    public const string SubCategories = "Fx|Analyzer";

    public static readonly Tuid ProcessorCid = Tuid.FromWords(0x932B0501, 0x53634B62, 0xBC646FCD, 0x8CB0E75E);
    public static readonly Tuid ControllerCid = Tuid.FromWords(0xB40C2859, 0x85844E8D, 0xAF232560, 0x82708FEB);
}
