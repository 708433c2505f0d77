using System.Globalization;
using Audio2Midi.IO;

namespace Audio2Midi.Training.Evaluation;

/// <summary>
/// The note CSV form (DESIGN.md 6): header <c>onset_s,offset_s,midi_pitch</c>, then one note a row,
/// numbers in the invariant culture.
/// </summary>
/// <remarks>
/// Reading skips blank lines and lines starting with <c>#</c>; the first remaining line is taken as
/// a header when its first field is not a number. Every other line must hold exactly three finite
/// numbers, or reading fails with an <see cref="AudioFileException"/> naming the line. Notes are
/// returned in file order, unchanged (the scorer does its own sorting).
/// </remarks>
public static class NoteCsv
{
    public const string Header = "onset_s,offset_s,midi_pitch";

    /// <exception cref="AudioFileException">The file is missing, unreadable or malformed.</exception>
    public static IReadOnlyList<ScoredNote> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var reader = new StreamReader(path);
            return Read(reader, path);
        }
        catch (FileNotFoundException e)
        {
            throw new AudioFileException(path, "file not found", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new AudioFileException(path, "file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AudioFileException(path, $"cannot read: {e.Message}", e);
        }
    }

    /// <param name="source">Names the input in error messages (normally its path).</param>
    /// <exception cref="AudioFileException">A line is malformed.</exception>
    public static IReadOnlyList<ScoredNote> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var notes = new List<ScoredNote>();
        bool firstContentLine = true;
        int lineNumber = 0;
        string? line;
        Span<double> values = stackalloc double[3];
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                continue;

            string[] fields = trimmed.Split(',');
            bool isFirst = firstContentLine;
            firstContentLine = false;
            if (isFirst && !TryParseNumber(fields[0], out _))
                continue; // header

            if (fields.Length != 3)
                throw new AudioFileException(source, $"line {lineNumber}: expected 3 numbers (onset_s,offset_s,midi_pitch), found {fields.Length} fields");
            for (int i = 0; i < 3; i++)
            {
                if (!TryParseNumber(fields[i], out values[i]))
                    throw new AudioFileException(source, $"line {lineNumber}: expected 3 numbers (onset_s,offset_s,midi_pitch), '{fields[i].Trim()}' is not a number");
                if (!double.IsFinite(values[i]))
                    throw new AudioFileException(source, $"line {lineNumber}: '{fields[i].Trim()}' is not a finite number");
            }
            notes.Add(new ScoredNote(values[0], values[1], values[2]));
        }
        return notes;
    }

    /// <exception cref="AudioFileException">The file cannot be written.</exception>
    public static void Write(string path, IEnumerable<ScoredNote> notes)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var writer = new StreamWriter(path);
            Write(writer, notes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AudioFileException(path, $"cannot write: {e.Message}", e);
        }
    }

    /// <summary>Writes the header and one row per note, numbers in shortest round-trip form.</summary>
    public static void Write(TextWriter writer, IEnumerable<ScoredNote> notes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(notes);
        writer.Write(Header);
        writer.Write('\n');
        foreach (var n in notes)
        {
            writer.Write(Format(n.Onset));
            writer.Write(',');
            writer.Write(Format(n.Offset));
            writer.Write(',');
            writer.Write(Format(n.MidiPitch));
            writer.Write('\n');
        }
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static bool TryParseNumber(string field, out double value)
    {
        string s = field.Trim();
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            return true;
        // Python's spellings of the non-finite values (read as numbers there, so reported as not finite here).
        switch (s.TrimStart('+', '-').ToLowerInvariant())
        {
            case "inf":
            case "infinity":
                value = s.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            case "nan":
                value = double.NaN;
                return true;
            default:
                return false;
        }
    }
}
