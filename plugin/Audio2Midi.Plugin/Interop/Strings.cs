namespace Audio2Midi.Plugin.Interop;

/// <summary>Copies strings into the fixed char8 (ASCII) and char16 (String128) buffers of the ABI, always 0-terminated.</summary>
internal static unsafe class Strings
{
    public static void WriteAscii(byte* destination, int capacity, string value)
    {
        int n = Math.Min(value.Length, capacity - 1);
        for (int i = 0; i < n; i++) destination[i] = value[i] < 128 ? (byte)value[i] : (byte)'?';
        for (int i = n; i < capacity; i++) destination[i] = 0;
    }

    public static void WriteUtf16(char* destination, int capacity, ReadOnlySpan<char> value)
    {
        int n = Math.Min(value.Length, capacity - 1);
        value.Slice(0, n).CopyTo(new Span<char>(destination, n));
        destination[n] = '\0';
    }

    /// <summary>Reads a 0-terminated UTF-16 string of at most <paramref name="capacity"/> chars.</summary>
    public static string ReadUtf16(char* source, int capacity)
    {
        int n = 0;
        while (n < capacity && source[n] != '\0') n++;
        return new string(source, 0, n);
    }

    public static string ReadAscii(byte* source, int capacity)
    {
        int n = 0;
        while (n < capacity && source[n] != 0) n++;
        return System.Text.Encoding.ASCII.GetString(source, n);
    }
}
