namespace Audio2Midi.Midi;

/// <summary>
/// The SMF variable-length number: 7 bits per byte, most significant first, top bit set on all but
/// the last byte. The spec caps it at 4 bytes (0x0FFFFFFF), which is what keeps a corrupt length from
/// being read as a huge one.
/// </summary>
internal static class VariableLengthQuantity
{
    public const int MaxValue = 0x0FFFFFFF;
    public const int MaxBytes = 4;

    public enum ReadResult { Ok, Truncated, TooLong }

    /// <summary>Reads at <paramref name="position"/> and advances it past the number on success.</summary>
    public static ReadResult TryRead(ReadOnlySpan<byte> data, ref int position, out int value)
    {
        value = 0;
        int p = position;
        for (int n = 0; n < MaxBytes; n++)
        {
            if (p >= data.Length)
                return ReadResult.Truncated;
            byte b = data[p++];
            value = (value << 7) | (b & 0x7F);
            if ((b & 0x80) == 0)
            {
                position = p;
                return ReadResult.Ok;
            }
        }
        return ReadResult.TooLong;
    }
}
