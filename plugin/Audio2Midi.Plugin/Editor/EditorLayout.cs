namespace Audio2Midi.Plugin.Editor;

/// <summary>
/// Where things are in the window at a given size and scale: the preset list on the left, the Latency bar and level
/// meter on top, the piano roll (last <see cref="EditorRenderer.WindowSeconds"/> s, now at its right edge) and the
/// controls strip at the bottom. The renderer draws with it and the window hit-tests clicks with it.
/// </summary>
internal sealed class EditorLayout(int width, int height, float scale)
{
    public const int DefaultWidth = 960, DefaultHeight = 540, MinWidth = 640, MinHeight = 360;

    public int Width { get; } = width;
    public int Height { get; } = height;
    public float Scale { get; } = scale;

    public float ListWidth => 250 * Scale;
    public float RowHeight => 40 * Scale;
    public float ListTop => 34 * Scale;
    public float TopBar => 40 * Scale;
    public float BottomBar => 44 * Scale;
    public float KeysWidth => 34 * Scale;

    /// <summary>The piano roll's area (right of the keyboard strip).</summary>
    public (float Left, float Top, float Right, float Bottom) Roll => (ListWidth + KeysWidth, TopBar, Width, Height - BottomBar);

    /// <summary>The preset row under a point, or -1.</summary>
    public int PresetAt(float x, float y, int count)
    {
        if (x < 0 || x >= ListWidth || y < ListTop) return -1;
        int row = (int)((y - ListTop) / RowHeight);
        return row < count ? row : -1;
    }

    public (float Top, float Bottom) PresetRowSpan(int row) => (ListTop + row * RowHeight, ListTop + (row + 1) * RowHeight);

    /// <summary>The MIDI range the roll shows: 24 semitones or more around what it holds (C2..C6 when empty).</summary>
    public static (int Low, int High) PitchRange(EditorHistory history)
    {
        int low = int.MaxValue, high = int.MinValue;
        foreach (EditorHistory.Note n in history.Notes) { low = Math.Min(low, n.Pitch); high = Math.Max(high, n.Pitch); }
        foreach (EditorHistory.PitchPoint p in history.Pitch)
            if (float.IsFinite(p.Midi)) { low = Math.Min(low, (int)Math.Floor(p.Midi)); high = Math.Max(high, (int)Math.Ceiling(p.Midi)); }
        if (low > high) return (36, 84);
        low -= 3;
        high += 3;
        int missing = 24 - (high - low);
        if (missing > 0) { low -= missing / 2; high += missing - missing / 2; }
        return (Math.Clamp(low, 0, 103), Math.Clamp(high, 24, 127));
    }

    /// <summary>The vertical centre of MIDI pitch <paramref name="midi"/> in the roll.</summary>
    public float Y(double midi, (int Low, int High) range)
    {
        (float _, float top, float _, float bottom) = Roll;
        double row = (bottom - top) / (range.High - range.Low + 1);
        return (float)(bottom - (midi - range.Low + 0.5) * row);
    }

    /// <summary>Height of one semitone row.</summary>
    public float RowOf((int Low, int High) range) => (Roll.Bottom - Roll.Top) / (range.High - range.Low + 1);

    /// <summary>The x of host sample <paramref name="sample"/> when the stream is at <paramref name="now"/>.</summary>
    public float X(long sample, long now, double sampleRate)
    {
        (float left, float _, float right, float _) = Roll;
        double seconds = (now - sample) / sampleRate;
        return (float)(right - seconds / EditorRenderer.WindowSeconds * (right - left));
    }
}
