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

    private EditorState? _drawnState;
    private SKSurface? _surface;   // over the platform's pixel buffer, made again when the buffer or the size changes
    private nint _drawnPixels;
    private (int, int) _drawnSize;

    /// <summary>
    /// Takes what the audio thread fed and draws into <paramref name="pixels"/> (Width x Height, kept between calls):
    /// everything when the state, the size or the buffer changed, else only what moves. Returns the area drawn.
    /// </summary>
    public (int X, int Y, int Width, int Height) Paint(EditorFeed? feed, EditorState state, nint pixels, int stride)
    {
        if (feed is not null) History.Update(feed);
        bool chrome = _drawnState is null || !SameChrome(_drawnState, state) || _drawnPixels != pixels || _drawnSize != (Width, Height);
        if (_surface is null || chrome && (_drawnPixels != pixels || _drawnSize != (Width, Height)))
        {
            _surface?.Dispose();
            var info = new SKImageInfo(Width, Height, SKColorType.Bgra8888, SKAlphaType.Premul);
            _surface = SKSurface.Create(info, pixels, stride) ?? throw new InvalidOperationException("SkiaSharp made no surface");
        }
        _renderer.Render(_surface.Canvas, Layout, state, History, chrome);
        _surface.Canvas.Flush();
        (_drawnState, _drawnPixels, _drawnSize) = (state, pixels, (Width, Height));
        if (chrome) return (0, 0, Width, Height);
        EditorLayout l = Layout;
        return ((int)l.ListWidth, 0, Width - (int)l.ListWidth, Height - (int)l.BottomBar);
    }

    /// <summary>The next paint draws everything (the window was exposed).</summary>
    public void Invalidate() => _drawnState = null;

    private static bool SameChrome(EditorState a, EditorState b) =>
        a.Selected == b.Selected && a.Status == b.Status && a.Fallback == b.Fallback && a.Latency == b.Latency
        && a.Presets.SequenceEqual(b.Presets) && a.Controls.SequenceEqual(b.Controls);

    /// <summary>The preset a click at (<paramref name="x"/>, <paramref name="y"/>) picks, or -1.</summary>
    public int PresetAt(int x, int y, int count) => Layout.PresetAt(x, y, count);

    /// <summary>True if (<paramref name="x"/>, <paramref name="y"/>) is on the "Open presets folder" button.</summary>
    public bool IsFolderButton(int x, int y) => _renderer.FolderButton.Contains(x, y);

    /// <summary>True if (<paramref name="x"/>, <paramref name="y"/>) is on the "Rescan" button.</summary>
    public bool IsRescanButton(int x, int y) => _renderer.RescanButton.Contains(x, y);

    /// <summary>
    /// The edit a click (<paramref name="steps"/> = 0) or wheel turn (+1 up, -1 down) at a point makes, given the
    /// current normalized values: a preset, a Latency step, or a control's next value (a click goes one step up and
    /// wraps; the wheel goes up or down and stops at the ends). Null where nothing is.
    /// </summary>
    public (ParameterId Id, double Normalized)? EditAt(int x, int y, int steps, double[] normalized)
    {
        int preset = steps == 0 ? PresetAt(x, y, ProgramList.Count) : -1;
        if (preset >= 0) return (ParameterId.Engine, Parameters.All[(int)ParameterId.Engine].ToNormalized(preset));
        foreach ((int ms, SKRect area) in _renderer.StepAreas)
            if (steps == 0 && area.Contains(x, y)) return (ParameterId.Latency, Parameters.All[(int)ParameterId.Latency].ToNormalized(Parameters.LatencyPlain(ms)));
        foreach ((ParameterId id, SKRect area) in _renderer.ControlAreas)
        {
            if (!area.Contains(x, y)) continue;
            ParameterDefinition p = Parameters.All[(int)id];
            int count = p.StepCount > 0 ? p.StepCount : 100;
            int at = (int)Math.Round(normalized[(int)id] * count);
            int next = steps == 0 ? (at + 1) % (count + 1) : Math.Clamp(at + steps, 0, count);
            return (id, (double)next / count);
        }
        return null;
    }

    public void Dispose()
    {
        _surface?.Dispose();
        _renderer.Dispose();
    }
}
