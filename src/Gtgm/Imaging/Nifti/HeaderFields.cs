using System.Buffers.Binary;

namespace Gtgm.Imaging.Nifti;

/// <summary>Reads and writes integer and real header fields of a given width in either byte order.</summary>
readonly ref struct HeaderFields(Span<byte> bytes, bool bigEndian)
{
    readonly Span<byte> _bytes = bytes;

    public long Int(int offset, int width)
    {
        var s = _bytes.Slice(offset, width);
        return width switch
        {
            1 => s[0],
            2 => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s),
            4 => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s),
            8 => bigEndian ? BinaryPrimitives.ReadInt64BigEndian(s) : BinaryPrimitives.ReadInt64LittleEndian(s),
            _ => throw new ArgumentOutOfRangeException(nameof(width)),
        };
    }

    public double Real(int offset, int width)
    {
        var s = _bytes.Slice(offset, width);
        return width == 4
            ? bigEndian ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s)
            : bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s);
    }

    public void SetInt(int offset, int width, long value)
    {
        var s = _bytes.Slice(offset, width);
        switch (width)
        {
            case 1: s[0] = checked((byte)value); break;
            case 2: if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(s, checked((short)value)); else BinaryPrimitives.WriteInt16LittleEndian(s, checked((short)value)); break;
            case 4: if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(s, checked((int)value)); else BinaryPrimitives.WriteInt32LittleEndian(s, checked((int)value)); break;
            case 8: if (bigEndian) BinaryPrimitives.WriteInt64BigEndian(s, value); else BinaryPrimitives.WriteInt64LittleEndian(s, value); break;
            default: throw new ArgumentOutOfRangeException(nameof(width));
        }
    }

    public void SetReal(int offset, int width, double value)
    {
        var s = _bytes.Slice(offset, width);
        if (width == 4)
        {
            if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(s, (float)value); else BinaryPrimitives.WriteSingleLittleEndian(s, (float)value);
        }
        else if (bigEndian) BinaryPrimitives.WriteDoubleBigEndian(s, value);
        else BinaryPrimitives.WriteDoubleLittleEndian(s, value);
    }
}
