using SkiaSharp;

namespace Audio2Midi.Plugin.Editor;

/// <summary>
/// The window's content, free of any platform: draws the current state into a pixel buffer the platform seam owns
/// (BGRA, premultiplied, as X11's 24-bit visuals and Windows DIB sections take it) and maps clicks to presets.
/// UI thread only.
/// </summary>
internal sealed class EditorView : IDisposable
{
    private readonly EditorRenderer _renderer = new();

    public EditorHistory History { get; } = new();

    public int Width { get; private set; } = EditorLayout.DefaultWidth;
    public int Height { get; private set; } = EditorLayout.DefaultHeight;
    public float Scale { get; set; } = 1;

    private EditorLayout Layout => new(Width, Height, Scale);

    /// <summary>The size the host offers, kept at least the minimum.</summary>
    public (int Width, int Height) Constrain(int width, int height) =>
        (Math.Max(width, (int)(EditorLayout.MinWidth * Scale)), Math.Max(height, (int)(EditorLayout.MinHeight * Scale)));

    public void Resize(int width, int height) => (Width, Height) = Constrain(width, height);

    /// <summary>Takes what the audio thread fed and draws everything into <paramref name="pixels"/> (Width x Height).</summary>
    public unsafe void Paint(EditorFeed? feed, EditorState state, nint pixels, int stride)
    {
        if (feed is not null) History.Update(feed);
        var info = new SKImageInfo(Width, Height, SKColorType.Bgra8888, SKAlphaType.Premul);
        using SKSurface surface = SKSurface.Create(info, pixels, stride) ?? throw new InvalidOperationException("SkiaSharp made no surface");
        _renderer.Render(surface.Canvas, Layout, state, History);
        surface.Canvas.Flush();
    }

    /// <summary>The preset a click at (<paramref name="x"/>, <paramref name="y"/>) picks, or -1.</summary>
    public int PresetAt(int x, int y, int count) => Layout.PresetAt(x, y, count);

    public void Dispose() => _renderer.Dispose();
}
