using SkiaSharp;

namespace Audio2Midi.Plugin.Editor;

/// <summary>
/// Draws the plugin's window with SkiaSharp into any canvas (the window's raster surface, or a bitmap in tests): the
/// preset list, the Latency bar and level meter, the piano roll of the last <see cref="WindowSeconds"/> seconds with
/// the pitch the engine hears and the notes it sent (named, the sounding one highlighted), and the other controls.
/// One drawing code for every platform; the platform seams only blit the pixels.
/// </summary>
internal sealed class EditorRenderer : IDisposable
{
    public const double WindowSeconds = 10;

    public static readonly SKColor Background = new(0x1E, 0x20, 0x24);
    public static readonly SKColor Panel = new(0x26, 0x29, 0x2E);
    public static readonly SKColor Selected = new(0x2F, 0x5D, 0x8A);
    public static readonly SKColor NoteColor = new(0x4C, 0xAF, 0x50);
    public static readonly SKColor SoundingColor = new(0xB2, 0xFF, 0x59);
    public static readonly SKColor PitchColor = new(0xFF, 0x98, 0x00);
    public static readonly SKColor Text = new(0xE8, 0xEA, 0xED);
    public static readonly SKColor Dim = new(0x9A, 0xA0, 0xA6);
    public static readonly SKColor Warning = new(0xFF, 0x70, 0x43);

    private static readonly string[] NoteNames = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };
    private readonly SKFont _font = new(SKTypeface.Default, 13);
    private readonly SKFont _small = new(SKTypeface.Default, 11);

    /// <summary>Where each control was drawn in the last full draw (what a click or the wheel changes).</summary>
    public List<(ParameterId Id, SKRect Area)> ControlAreas { get; } = [];

    /// <summary>Where the "Open presets folder" button was drawn.</summary>
    public SKRect FolderButton { get; private set; }

    /// <summary>Where the "Rescan" button (read the preset folders again) was drawn.</summary>
    public SKRect RescanButton { get; private set; }

    /// <summary>Where each Latency step button was drawn (its milliseconds).</summary>
    public List<(int Ms, SKRect Area)> StepAreas { get; } = [];

    public static string NoteName(int midi) => NoteNames[((midi % 12) + 12) % 12] + (midi / 12 - 1);

    /// <summary>
    /// Draws the window. With <paramref name="chrome"/> false only what moves is drawn (the roll and the level meter):
    /// the preset list, the Latency text and the controls strip are already in the pixels from the last full draw.
    /// </summary>
    public void Render(SKCanvas canvas, EditorLayout layout, EditorState state, EditorHistory history, bool chrome = true)
    {
        float s = layout.Scale;
        _font.Size = 13 * s;
        _small.Size = 11 * s;
        if (chrome)
        {
            canvas.Clear(Background);
            DrawPresets(canvas, layout, state);
            DrawControls(canvas, layout, state);
            DrawSteps(canvas, layout, state);
        }
        DrawMeter(canvas, layout, history);
        DrawRoll(canvas, layout, history);
    }

    private void DrawPresets(SKCanvas canvas, EditorLayout layout, EditorState state)
    {
        float s = layout.Scale;
        _fill.Color = Panel;
        canvas.DrawRect(0, 0, layout.ListWidth, layout.Height, _fill);
        _fill.Color = Dim;
        canvas.DrawText("PRESETS", 10 * s, 22 * s, SKTextAlign.Left, _small, _fill);
        for (int i = 0; i < state.Presets.Count; i++)
        {
            (float top, float bottom) = layout.PresetRowSpan(i);
            if (i == state.Selected)
            {
                _fill.Color = Selected;
                canvas.DrawRect(0, top, layout.ListWidth, bottom - top, _fill);
            }
            PresetRow row = state.Presets[i];
            _fill.Color = Text;
            canvas.DrawText(row.Name, 10 * s, top + 17 * s, SKTextAlign.Left, _font, _fill);
            _fill.Color = Dim;
            canvas.DrawText($"{row.Group} · {row.Details}", 10 * s, top + 32 * s, SKTextAlign.Left, _small, _fill);
        }
        _fill.Color = state.Fallback ? Warning : Dim;
        canvas.DrawText(state.Status, 10 * s, layout.Height - 16 * s, SKTextAlign.Left, _small, _fill);
        FolderButton = DrawButton(canvas, "Open presets folder", 10 * s, layout, s);
        RescanButton = DrawButton(canvas, "Rescan", FolderButton.Right + 8 * s, layout, s);
    }

    /// <summary>A button above the status line at <paramref name="left"/>; returns where it was drawn.</summary>
    private SKRect DrawButton(SKCanvas canvas, string label, float left, EditorLayout layout, float s)
    {
        var area = new SKRect(left, layout.Height - 60 * s, left + 10 * s + _small.MeasureText(label), layout.Height - 38 * s);
        _fill.Color = Background;
        canvas.DrawRoundRect(area, 3 * s, 3 * s, _fill);
        _fill.Color = Text;
        canvas.DrawText(label, left + 5 * s, layout.Height - 45 * s, SKTextAlign.Left, _small, _fill);
        return area;
    }

    private void DrawMeter(SKCanvas canvas, EditorLayout layout, EditorHistory history)
    {
        // Level meter: -60..0 dBFS, with the falling peak mark.
        float s = layout.Scale;
        float right = layout.Width - 12 * s, width = 160 * s, left = right - width, top = 14 * s, height = 12 * s;
        _fill.Color = Panel;
        canvas.DrawRect(left, top, width, height, _fill);
        float level = Math.Clamp((history.LevelDb + 60) / 60, 0, 1);
        _fill.Color = history.LevelDb > -3 ? Warning : NoteColor;
        canvas.DrawRect(left, top, width * level, height, _fill);
        float peak = Math.Clamp((history.PeakDb + 60) / 60, 0, 1);
        _fill.Color = Text;
        canvas.DrawRect(left + width * peak - 1 * s, top, 2 * s, height, _fill);
    }

    private void DrawRoll(SKCanvas canvas, EditorLayout layout, EditorHistory history)
    {
        float s = layout.Scale;
        (float left, float top, float right, float bottom) = layout.Roll;
        (int Low, int High) range = EditorLayout.PitchRange(history);
        float row = layout.RowOf(range);
        canvas.Save();
        canvas.ClipRect(new SKRect(layout.ListWidth, top, right, bottom));
        canvas.DrawBitmap(RollBackground(layout, range), layout.ListWidth, top, new SKSamplingOptions(SKFilterMode.Nearest), null);
        // Notes where they were sung; the sounding one highlighted, each named when there is room.
        foreach (EditorHistory.Note n in history.Notes)
        {
            bool sounding = n.End == long.MaxValue;
            float x0 = Math.Max(left, layout.X(n.Start, history.Now, history.SampleRate));
            float x1 = sounding ? right : layout.X(n.End, history.Now, history.SampleRate);
            if (x1 < left || x0 > right) continue;
            float y = layout.Y(n.Pitch, range);
            _fill.Color = sounding ? SoundingColor : NoteColor;
            canvas.DrawRoundRect(new SKRect(x0, y - row * 0.42f, Math.Max(x1, x0 + 2 * s), y + row * 0.42f), 2 * s, 2 * s, _fill);
            if (x1 - x0 > 26 * s)
            {
                _fill.Color = Background;
                canvas.DrawText(NameBlob(n.Pitch), x0 + 3 * s, y + 4 * s, _fill);
            }
        }
        // The pitch the engine hears: a line through voiced frames, stronger where voicing is surer. Two polylines (one
        // draw call each), with points closer than a pixel to the last one left out: 10 s are ~2000 frames on ~700 px.
        using var strong = new SKPathBuilder();
        using var weak = new SKPathBuilder();
        SKPathBuilder? open = null;
        float lastX = 0, lastY = 0;
        long lastSample = long.MinValue;
        foreach (EditorHistory.PitchPoint p in history.Pitch)
        {
            if (!float.IsFinite(p.Midi)) { open = null; continue; }
            float x = layout.X(p.Sample, history.Now, history.SampleRate), y = layout.Y(p.Midi, range);
            SKPathBuilder path = p.Voicing >= 0.5f ? strong : weak;
            bool joined = open is not null && p.Sample - lastSample < history.SampleRate / 20;
            if (joined && path == open && Math.Abs(x - lastX) < 1 && Math.Abs(y - lastY) < 1) continue;
            if (!joined) path.MoveTo(x, y);
            else
            {
                if (path != open) path.MoveTo(lastX, lastY);   // the line goes on in the other strength
                path.LineTo(x, y);
            }
            open = path;
            (lastX, lastY, lastSample) = (x, y, p.Sample);
        }
        // Hairlines (width 0) at scale 1: Skia draws them directly; a stroked path of thousands of points costs ~4 ms.
        _stroke.StrokeWidth = s > 1.5f ? s : 0;
        _stroke.Color = PitchColor.WithAlpha(110);
        using (SKPath path = weak.Detach()) canvas.DrawPath(path, _stroke);
        _stroke.Color = PitchColor;
        using (SKPath path = strong.Detach())
        {
            canvas.DrawPath(path, _stroke);
            canvas.Translate(0, 1);   // twice, a pixel apart: a 2-pixel line at hairline cost
            canvas.DrawPath(path, _stroke);
        }
        canvas.Restore();
    }

    private readonly SKTextBlob?[] _names = new SKTextBlob?[128];
    private float _namesSize;

    /// <summary>A note's name, shaped once per size (text is the costly part of a frame).</summary>
    private SKTextBlob NameBlob(int midi)
    {
        if (_namesSize != _small.Size)
        {
            foreach (SKTextBlob? b in _names) b?.Dispose();
            Array.Clear(_names);
            _namesSize = _small.Size;
        }
        midi = Math.Clamp(midi, 0, 127);
        return _names[midi] ??= SKTextBlob.Create(NoteName(midi), _small)!;
    }

    private SKBitmap? _background;
    private (int Width, int Height, float Scale, int Low, int High) _backgroundKey;

    /// <summary>
    /// The roll's still part, drawn once per size and pitch range and blitted each frame: the keyboard strip and row
    /// shading (black keys darker, C rows named) and the second lines.
    /// </summary>
    private SKBitmap RollBackground(EditorLayout layout, (int Low, int High) range)
    {
        var key = (layout.Width, layout.Height, layout.Scale, range.Low, range.High);
        if (_background is not null && key == _backgroundKey) return _background;
        _background?.Dispose();
        float s = layout.Scale;
        (float left, float top, float right, float bottom) = layout.Roll;
        float row = layout.RowOf(range);
        _background = new SKBitmap((int)Math.Ceiling(right - layout.ListWidth), (int)Math.Ceiling(bottom - top), SKColorType.Bgra8888, SKAlphaType.Opaque);
        _backgroundKey = key;
        using var canvas = new SKCanvas(_background);
        canvas.Translate(-layout.ListWidth, -top);
        canvas.Clear(Background);
        for (int m = range.Low; m <= range.High; m++)
        {
            float y = layout.Y(m, range) - row / 2;
            bool black = NoteNames[m % 12].Length > 1;
            _fill.Color = black ? new SKColor(0x1A, 0x1C, 0x1F) : new SKColor(0x22, 0x25, 0x2A);
            canvas.DrawRect(left, y, right - left, row, _fill);
            _fill.Color = black ? new SKColor(0x33, 0x33, 0x33) : new SKColor(0xD0, 0xD0, 0xD0);
            canvas.DrawRect(layout.ListWidth, y, layout.KeysWidth, row - 1, _fill);
            if (m % 12 == 0)
            {
                _fill.Color = new SKColor(0x30, 0x30, 0x30);
                canvas.DrawText(NoteName(m), layout.ListWidth + 2 * s, y + row - 2 * s, SKTextAlign.Left, _small, _fill);
            }
        }
        _stroke.Color = new SKColor(0x33, 0x36, 0x3B);
        _stroke.StrokeWidth = 1;
        for (int sec = 0; sec <= (int)WindowSeconds; sec++)
        {
            float x = right - (float)(sec / WindowSeconds * (right - left));
            canvas.DrawLine(x, top, x, bottom, _stroke);
        }
        return _background;
    }

    private void DrawControls(SKCanvas canvas, EditorLayout layout, EditorState state)
    {
        float s = layout.Scale;
        float left = layout.ListWidth + 12 * s, x = left, y = layout.Height - 26 * s, line = 16 * s;
        ControlAreas.Clear();
        foreach ((ParameterId id, string name, string value) in state.Controls)
        {
            float width = _small.MeasureText(name) + _small.MeasureText(value) + 18 * s;
            if (x + width > layout.Width - 6 * s && x > left)   // wrap to a second row rather than cut a control off
            {
                x = left;
                y += line;
            }
            float start = x;
            _fill.Color = Dim;
            canvas.DrawText(name, x, y, SKTextAlign.Left, _small, _fill);
            x += _small.MeasureText(name) + 4 * s;
            _fill.Color = Text;
            canvas.DrawText(value, x, y, SKTextAlign.Left, _small, _fill);
            x += _small.MeasureText(value) + 14 * s;
            ControlAreas.Add((id, new SKRect(start, y - 12 * s, x - 7 * s, y + 4 * s)));
        }
    }

    /// <summary>The Latency steps as buttons, the selected one filled, then what the host compensates.</summary>
    private void DrawSteps(SKCanvas canvas, EditorLayout layout, EditorState state)
    {
        float s = layout.Scale;
        float x = layout.ListWidth + 12 * s;
        StepAreas.Clear();
        _fill.Color = Dim;
        canvas.DrawText("LATENCY", x, 25 * s, SKTextAlign.Left, _small, _fill);
        x += _small.MeasureText("LATENCY") + 8 * s;
        foreach (int ms in Placement.LatencySteps.Milliseconds)
        {
            string label = ms == 0 ? "Instant" : ms.ToString(System.Globalization.CultureInfo.InvariantCulture);
            float w = _small.MeasureText(label) + 12 * s;
            var area = new SKRect(x, 10 * s, x + w, 31 * s);
            _fill.Color = ms == state.StepMs ? Selected : Panel;
            canvas.DrawRoundRect(area, 3 * s, 3 * s, _fill);
            _fill.Color = Text;
            canvas.DrawText(label, x + 6 * s, 25 * s, SKTextAlign.Left, _small, _fill);
            StepAreas.Add((ms, area));
            x += w + 4 * s;
        }
        _fill.Color = Dim;
        canvas.DrawText(state.Latency, x + 8 * s, 25 * s, SKTextAlign.Left, _small, _fill);
    }

    public void Dispose()
    {
        _fill.Dispose();
        _stroke.Dispose();
        _font.Dispose();
        _small.Dispose();
        _background?.Dispose();
        foreach (SKTextBlob? b in _names) b?.Dispose();
    }
}
