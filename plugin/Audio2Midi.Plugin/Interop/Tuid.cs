using System.Runtime.InteropServices;

namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// A 16-byte VST3 interface/class id laid out as INLINE_UID does on this OS (DESIGN.md section 5):
/// Windows (COM_COMPATIBLE): l1 little-endian, l2 as two little-endian 16-bit halves (high half first),
/// l3 and l4 big-endian. Linux and macOS: all four words big-endian.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1, Size = 16)] // alignment 1, as char[16]: PClassInfo is 116 bytes, not 120
internal readonly struct Tuid : IEquatable<Tuid>
{
    private readonly ulong _a;
    private readonly ulong _b;

    private Tuid(ulong a, ulong b) { _a = a; _b = b; }

    public static Tuid FromWords(uint l1, uint l2, uint l3, uint l4) => FromWords(l1, l2, l3, l4, OperatingSystem.IsWindows());

    public static Tuid FromWords(uint l1, uint l2, uint l3, uint l4, bool comCompatible)
    {
        Span<byte> b = stackalloc byte[16];
        if (comCompatible)
        {
            b[0] = (byte)l1; b[1] = (byte)(l1 >> 8); b[2] = (byte)(l1 >> 16); b[3] = (byte)(l1 >> 24);
            b[4] = (byte)(l2 >> 16); b[5] = (byte)(l2 >> 24); b[6] = (byte)l2; b[7] = (byte)(l2 >> 8);
        }
        else
        {
            WriteBigEndian(b, 0, l1);
            WriteBigEndian(b, 4, l2);
        }
        WriteBigEndian(b, 8, l3);
        WriteBigEndian(b, 12, l4);
        return FromBytes(b);
    }

    public static Tuid FromBytes(ReadOnlySpan<byte> bytes) => MemoryMarshal.Read<Tuid>(bytes);

    public static unsafe Tuid Read(void* p) => *(Tuid*)p;

    public unsafe void WriteTo(void* p) => *(Tuid*)p = this;

    public byte[] ToBytes()
    {
        var bytes = new byte[16];
        MemoryMarshal.Write(bytes, in this);
        return bytes;
    }

    public bool Equals(Tuid other) => _a == other._a && _b == other._b;

    public override bool Equals(object? obj) => obj is Tuid t && Equals(t);

    public override int GetHashCode() => HashCode.Combine(_a, _b);

    public static bool operator ==(Tuid x, Tuid y) => x.Equals(y);

    public static bool operator !=(Tuid x, Tuid y) => !x.Equals(y);

    public override string ToString() => Convert.ToHexString(ToBytes());

    private static void WriteBigEndian(Span<byte> b, int at, uint v)
    {
        b[at] = (byte)(v >> 24); b[at + 1] = (byte)(v >> 16); b[at + 2] = (byte)(v >> 8); b[at + 3] = (byte)v;
    }
}
