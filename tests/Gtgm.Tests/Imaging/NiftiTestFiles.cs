using System.Buffers.Binary;
using Gtgm.Imaging;
using Gtgm.Imaging.Nifti;

namespace Gtgm.Tests.Imaging;

/// <summary>Writes small NIfTI files of any datatype and byte order, with headers the tests control.</summary>
static class NiftiTestFiles
{
    public static readonly NiftiDataType[] ScalarTypes =
    {
        NiftiDataType.UInt8, NiftiDataType.Int8, NiftiDataType.Int16, NiftiDataType.UInt16, NiftiDataType.Int32,
        NiftiDataType.UInt32, NiftiDataType.Int64, NiftiDataType.UInt64, NiftiDataType.Float32, NiftiDataType.Float64,
    };

    /// <summary>A header for an axis-aligned (x, y, z) grid with 1 mm voxels, no scaling.</summary>
    public static NiftiHeader Header(int x, int y, int z, NiftiDataType type, bool bigEndian = false, int version = 1, int channels = 1) =>
        With(NiftiWriter.HeaderFor(VolumeGeometry.Axial(z, y, x), channels, type, bigEndian), version: version);

    public static NiftiHeader With(NiftiHeader h, int? version = null, double? slope = null, double? inter = null,
        NiftiDataType? type = null, long[]? dim = null) => new()
    {
        Version = version ?? h.Version,
        BigEndian = h.BigEndian,
        DataType = type ?? h.DataType,
        Dim = dim ?? h.Dim,
        PixDim = h.PixDim,
        VoxOffset = (version ?? h.Version) == 2 ? 544 : 352,
        SclSlope = slope ?? h.SclSlope,
        SclInter = inter ?? h.SclInter,
        QformCode = h.QformCode,
        SformCode = h.SformCode,
        Quatern = h.Quatern,
        Srow = h.Srow,
        XyztUnits = h.XyztUnits,
    };

    /// <summary>Values encoded as <paramref name="type"/> in the given byte order.</summary>
    public static byte[] Encode(IReadOnlyList<double> values, NiftiDataType type, bool bigEndian)
    {
        int size = NiftiDataTypes.ScalarSize(type);
        var bytes = new byte[values.Count * size];
        for (int i = 0; i < values.Count; i++)
        {
            var s = bytes.AsSpan(i * size, size);
            double v = values[i];
            switch (type)
            {
                case NiftiDataType.UInt8: s[0] = (byte)v; break;
                case NiftiDataType.Int8: s[0] = (byte)(sbyte)v; break;
                case NiftiDataType.Int16: BinaryPrimitives.WriteInt16LittleEndian(s, (short)v); break;
                case NiftiDataType.UInt16: BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)v); break;
                case NiftiDataType.Int32: BinaryPrimitives.WriteInt32LittleEndian(s, (int)v); break;
                case NiftiDataType.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(s, (uint)v); break;
                case NiftiDataType.Int64: BinaryPrimitives.WriteInt64LittleEndian(s, (long)v); break;
                case NiftiDataType.UInt64: BinaryPrimitives.WriteUInt64LittleEndian(s, (ulong)v); break;
                case NiftiDataType.Float32: BinaryPrimitives.WriteSingleLittleEndian(s, (float)v); break;
                case NiftiDataType.Float64: BinaryPrimitives.WriteDoubleLittleEndian(s, v); break;
                default: throw new ArgumentOutOfRangeException(nameof(type));
            }
            if (bigEndian) s.Reverse();
        }
        return bytes;
    }

    /// <summary>Values every type can hold exactly: 0..n-1 shifted into the type's range, with its extremes where useful.</summary>
    public static double[] Ramp(NiftiDataType type, int n)
    {
        double offset = type is NiftiDataType.Int8 ? -60 : type is NiftiDataType.Int16 or NiftiDataType.Int32 or NiftiDataType.Int64 or NiftiDataType.Float32 or NiftiDataType.Float64 ? -1000 : 0;
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = offset + i;
        if (type == NiftiDataType.Float32 || type == NiftiDataType.Float64) values[n - 1] = 0.25;
        return values;
    }

    public static string Write(TempDir dir, string name, NiftiHeader header, IReadOnlyList<double> values)
    {
        string path = dir.File(name);
        NiftiWriter.WriteRaw(path, header, Encode(values, header.DataType, header.BigEndian));
        return path;
    }
}
