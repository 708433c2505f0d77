using System.Buffers.Binary;

namespace Audio2Midi.IO;

/// <summary>
/// Builds the header a <see cref="WavWriter"/> puts in front of the data, and patches its size fields
/// once the data length is known.
/// </summary>
internal sealed class WavHeaderWriter
{
    private readonly byte[] _header;
    private readonly int _factOffset;       // -1 when there is no fact chunk
    private readonly int _dataSizeOffset;

    public WavHeaderWriter(int sampleRate, int channels, WavSampleFormat format)
    {
        int bits = format.BitsPerSample();
        int blockAlign = channels * format.BytesPerSample();
        bool isFloat = format.IsFloat();
        // The spec asks for WAVE_FORMAT_EXTENSIBLE when there are more than 2 channels or PCM deeper than
        // 16 bits (plain WAVE_FORMAT_PCM stops at 16). Plain IEEE float (tag 3) is defined for 32 and 64
        // bits and is what most tools expect for mono/stereo float, so it stays plain.
        bool extensible = channels > 2 || (!isFloat && bits > 16);
        ushort baseTag = isFloat ? WavConstants.TagFloat : WavConstants.TagPcm;
        int fmtSize = extensible ? 40 : isFloat ? 18 : 16;   // non-PCM formats carry a cbSize field
        bool hasFact = isFloat;                               // the spec requires 'fact' for non-PCM data

        int length = 12 + 8 + fmtSize + (hasFact ? 12 : 0) + 8;
        _header = new byte[length];
        Span<byte> h = _header;
        "RIFF"u8.CopyTo(h);
        "WAVE"u8.CopyTo(h[8..]);
        "fmt "u8.CopyTo(h[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], (uint)fmtSize);

        Span<byte> fmt = h.Slice(20, fmtSize);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, extensible ? WavConstants.TagExtensible : baseTag);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[2..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt[4..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt[8..], (uint)(sampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[12..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[14..], (ushort)bits);
        if (extensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(fmt[16..], 22);               // cbSize
            BinaryPrimitives.WriteUInt16LittleEndian(fmt[18..], (ushort)bits);     // valid bits
            BinaryPrimitives.WriteUInt32LittleEndian(fmt[20..], WavConstants.DefaultChannelMask(channels));
            BinaryPrimitives.WriteUInt16LittleEndian(fmt[24..], baseTag);          // subformat GUID
            WavConstants.SubformatGuidTail.CopyTo(fmt[26..]);
        }
        // else for float: cbSize = 0, already zero.

        int pos = 20 + fmtSize;
        _factOffset = -1;
        if (hasFact)
        {
            "fact"u8.CopyTo(h[pos..]);
            BinaryPrimitives.WriteUInt32LittleEndian(h[(pos + 4)..], 4);
            _factOffset = pos + 8;
            pos += 12;
        }
        "data"u8.CopyTo(h[pos..]);
        _dataSizeOffset = pos + 4;
    }

    /// <summary>Header length in bytes; the data starts right after it.</summary>
    public int Length => _header.Length;

    /// <summary>The largest data chunk that keeps the RIFF size (header + data + pad) within 32 bits.</summary>
    public long MaxDataBytes => uint.MaxValue - (_header.Length - 8) - 1;

    /// <summary>The header with sizes filled in for <paramref name="dataBytes"/> bytes of data.</summary>
    public ReadOnlySpan<byte> Build(long dataBytes, long frames)
    {
        long pad = dataBytes & 1;
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(4), (uint)(_header.Length - 8 + dataBytes + pad));
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(_dataSizeOffset), (uint)dataBytes);
        if (_factOffset >= 0)
            BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(_factOffset), (uint)Math.Min(frames, uint.MaxValue));
        return _header;
    }
}
