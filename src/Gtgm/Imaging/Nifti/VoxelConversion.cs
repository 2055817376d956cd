using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Gtgm.Imaging.Nifti;

/// <summary>
/// Turns raw voxel bytes of any supported on-disk type into floats or integer labels, a chunk at a time so the
/// bytes are still in cache when they are converted.
/// </summary>
static class VoxelConversion
{
    /// <summary>Reverses the byte order of each element in place.</summary>
    public static void SwapInPlace(Span<byte> bytes, int elementSize)
    {
        switch (elementSize)
        {
            case 2: { var s = MemoryMarshal.Cast<byte, short>(bytes); BinaryPrimitives.ReverseEndianness(s, s); break; }
            case 4: { var s = MemoryMarshal.Cast<byte, int>(bytes); BinaryPrimitives.ReverseEndianness(s, s); break; }
            case 8: { var s = MemoryMarshal.Cast<byte, long>(bytes); BinaryPrimitives.ReverseEndianness(s, s); break; }
        }
    }

    public static void ToFloat(ReadOnlySpan<byte> source, NiftiDataType type, Span<float> destination)
    {
        switch (type)
        {
            case NiftiDataType.UInt8: UInt8ToFloat(source, destination); break;
            case NiftiDataType.Int8: Convert<sbyte>(source, destination); break;
            case NiftiDataType.Int16: Int16ToFloat(MemoryMarshal.Cast<byte, short>(source), destination); break;
            case NiftiDataType.UInt16: Convert<ushort>(source, destination); break;
            case NiftiDataType.Int32: Convert<int>(source, destination); break;
            case NiftiDataType.UInt32: Convert<uint>(source, destination); break;
            case NiftiDataType.Int64: Convert<long>(source, destination); break;
            case NiftiDataType.UInt64: Convert<ulong>(source, destination); break;
            case NiftiDataType.Float32: MemoryMarshal.Cast<byte, float>(source).CopyTo(destination); break;
            case NiftiDataType.Float64: Convert<double>(source, destination); break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, "not a scalar voxel type");
        }
    }

    /// <summary>value · slope + inter, in float32 (what nibabel's <c>get_fdata(dtype=np.float32)</c> returns, to rounding).</summary>
    public static void Scale(Span<float> values, double slope, double inter)
    {
        float s = (float)slope, b = (float)inter;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vs = new Vector<float>(s);
            var vb = new Vector<float>(b);
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            for (int v = 0; v < vectors.Length; v++) vectors[v] = vectors[v] * vs + vb;
            i = vectors.Length * Vector<float>.Count;
        }
        for (; i < values.Length; i++) values[i] = values[i] * s + b;
    }

    /// <summary>Index of the first NaN or ±Inf, and how many there are; (-1, 0) when all are finite.</summary>
    public static (int First, int Count) NonFinite(ReadOnlySpan<float> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // x − x is 0 for every finite x and NaN for NaN and ±Inf: one subtraction and compare per vector.
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            int v = 0;
            while (v < vectors.Length && Vector.EqualsAll(vectors[v] - vectors[v], Vector<float>.Zero)) v++;
            i = v * Vector<float>.Count;
        }
        int first = -1, count = 0;
        for (; i < values.Length; i++)
        {
            if (float.IsFinite(values[i])) continue;
            if (first < 0) first = i;
            count++;
        }
        return (first, count);
    }

    /// <summary>
    /// Converts to integer labels. Returns the index of the first value that is not a whole number in int range
    /// (after scaling), or -1.
    /// </summary>
    public static int ToLabels(ReadOnlySpan<byte> source, NiftiDataType type, (double Slope, double Inter)? scaling, Span<int> destination) => type switch
    {
        NiftiDataType.UInt8 when scaling == null => UInt8ToInt(source, destination),
        NiftiDataType.UInt8 => Labels<byte>(source, scaling, destination),
        NiftiDataType.Int8 => Labels<sbyte>(source, scaling, destination),
        NiftiDataType.Int16 => Labels<short>(source, scaling, destination),
        NiftiDataType.UInt16 => Labels<ushort>(source, scaling, destination),
        NiftiDataType.Int32 => Labels<int>(source, scaling, destination),
        NiftiDataType.UInt32 => Labels<uint>(source, scaling, destination),
        NiftiDataType.Int64 => Labels<long>(source, scaling, destination),
        NiftiDataType.UInt64 => Labels<ulong>(source, scaling, destination),
        NiftiDataType.Float32 => Labels<float>(source, scaling, destination),
        NiftiDataType.Float64 => Labels<double>(source, scaling, destination),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a scalar voxel type"),
    };

    /// <summary>The value at <paramref name="index"/> as a double, for error messages.</summary>
    public static double ValueAt(ReadOnlySpan<byte> source, NiftiDataType type, int index) => type switch
    {
        NiftiDataType.UInt8 => source[index],
        NiftiDataType.Int8 => (sbyte)source[index],
        NiftiDataType.Int16 => MemoryMarshal.Cast<byte, short>(source)[index],
        NiftiDataType.UInt16 => MemoryMarshal.Cast<byte, ushort>(source)[index],
        NiftiDataType.Int32 => MemoryMarshal.Cast<byte, int>(source)[index],
        NiftiDataType.UInt32 => MemoryMarshal.Cast<byte, uint>(source)[index],
        NiftiDataType.Int64 => MemoryMarshal.Cast<byte, long>(source)[index],
        NiftiDataType.UInt64 => MemoryMarshal.Cast<byte, ulong>(source)[index],
        NiftiDataType.Float32 => MemoryMarshal.Cast<byte, float>(source)[index],
        NiftiDataType.Float64 => MemoryMarshal.Cast<byte, double>(source)[index],
        _ => double.NaN,
    };

    static void Convert<T>(ReadOnlySpan<byte> source, Span<float> destination) where T : unmanaged, INumberBase<T>
    {
        var s = MemoryMarshal.Cast<byte, T>(source);
        for (int i = 0; i < s.Length; i++) destination[i] = float.CreateTruncating(s[i]);
    }

    static void UInt8ToFloat(ReadOnlySpan<byte> source, Span<float> destination)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int n = Vector<byte>.Count;
            var d = MemoryMarshal.Cast<float, Vector<float>>(destination);
            for (; i + n <= source.Length; i += n)
            {
                Vector.Widen(new Vector<byte>(source.Slice(i)), out var lo, out var hi);
                Vector.Widen(lo, out var a, out var b);
                Vector.Widen(hi, out var c, out var e);
                int k = i / Vector<float>.Count;
                d[k] = Vector.ConvertToSingle(a);
                d[k + 1] = Vector.ConvertToSingle(b);
                d[k + 2] = Vector.ConvertToSingle(c);
                d[k + 3] = Vector.ConvertToSingle(e);
            }
        }
        for (; i < source.Length; i++) destination[i] = source[i];
    }

    static void Int16ToFloat(ReadOnlySpan<short> source, Span<float> destination)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int n = Vector<short>.Count;
            var d = MemoryMarshal.Cast<float, Vector<float>>(destination);
            for (; i + n <= source.Length; i += n)
            {
                Vector.Widen(new Vector<short>(source.Slice(i)), out var lo, out var hi);
                int k = i / Vector<float>.Count;
                d[k] = Vector.ConvertToSingle(lo);
                d[k + 1] = Vector.ConvertToSingle(hi);
            }
        }
        for (; i < source.Length; i++) destination[i] = source[i];
    }

    static int UInt8ToInt(ReadOnlySpan<byte> source, Span<int> destination)
    {
        for (int i = 0; i < source.Length; i++) destination[i] = source[i];
        return -1;
    }

    static int Labels<T>(ReadOnlySpan<byte> source, (double Slope, double Inter)? scaling, Span<int> destination) where T : unmanaged, INumberBase<T>
    {
        var s = MemoryMarshal.Cast<byte, T>(source);
        double slope = scaling?.Slope ?? 1, inter = scaling?.Inter ?? 0;
        for (int i = 0; i < s.Length; i++)
        {
            double v = double.CreateTruncating(s[i]) * slope + inter;
            if (v != Math.Floor(v) || v < int.MinValue || v > int.MaxValue) return i;
            destination[i] = (int)v;
        }
        return -1;
    }
}
