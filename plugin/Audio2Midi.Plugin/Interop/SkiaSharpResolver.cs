using SkiaSharp;

namespace Audio2Midi.Plugin.Interop;

/// <summary>SkiaSharp's native library from the bundle (<see cref="BundledLibrary"/>), installed before the window first draws.</summary>
internal static class SkiaSharpResolver
{
    private static readonly BundledLibrary s_library = new(typeof(SKCanvas).Assembly, "SkiaSharp", "libSkiaSharp.so", "libSkiaSharp.dll");

    public static string? LibraryPath => s_library.Path;

    public static void Install() => s_library.Install();
}
