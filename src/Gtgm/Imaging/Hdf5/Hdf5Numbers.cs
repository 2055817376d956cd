using System.Numerics;
using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace Gtgm.Imaging.Hdf5;

/// <summary>Reads HDF5 numeric datasets and attributes of any integer or float type into float, int or double arrays.</summary>
static class Hdf5Numbers
{
    /// <summary>
    /// PureHDF's default chunk cache re-inflates chunks on every read (a 105 MB gzip dataset took 61 s); a cache
    /// that holds the chunks of a whole block makes that 0.18 s (shared/notes/toolchain.md).
    /// </summary>
    public static H5DatasetAccess Access() => new(ChunkCache: new SimpleReadingChunkCache(64, 256UL << 20));

    /// <summary>"uint8", "int16", "float32", ...: the type as NumPy names it.</summary>
    public static string TypeName(IH5DataType type) => type.Class switch
    {
        H5DataTypeClass.FixedPoint => $"{(type.FixedPoint.IsSigned ? "int" : "uint")}{8 * type.Size}",
        H5DataTypeClass.FloatingPoint => $"float{8 * type.Size}",
        _ => type.Class.ToString(),
    };

    public static float[] ReadFloats(NativeDataset dataset, H5DatasetAccess access, Selection selection, string path, string name) =>
        Read<float, FloatSink>(dataset, access, selection, path, name, new FloatSink());

    /// <summary>Whole-number values as ints; the index of a value that is not one, or is outside int range, is reported.</summary>
    public static int[] ReadInts(NativeDataset dataset, H5DatasetAccess access, Selection selection, string path, string name, Func<long, string> describe) =>
        Read<int, IntSink>(dataset, access, selection, path, name, new IntSink(path, name, describe));

    public static double[] ReadAttribute(IH5Attribute attribute, string path)
    {
        var t = attribute.Type;
        return (t.Class, t.Size, t.Class == H5DataTypeClass.FixedPoint && t.FixedPoint.IsSigned) switch
        {
            (H5DataTypeClass.FloatingPoint, 8, _) => attribute.Read<double[]>(),
            (H5DataTypeClass.FloatingPoint, 4, _) => Array.ConvertAll(attribute.Read<float[]>(), v => (double)v),
            (H5DataTypeClass.FixedPoint, 8, true) => Array.ConvertAll(attribute.Read<long[]>(), v => (double)v),
            (H5DataTypeClass.FixedPoint, 8, false) => Array.ConvertAll(attribute.Read<ulong[]>(), v => (double)v),
            (H5DataTypeClass.FixedPoint, 4, true) => Array.ConvertAll(attribute.Read<int[]>(), v => (double)v),
            (H5DataTypeClass.FixedPoint, 4, false) => Array.ConvertAll(attribute.Read<uint[]>(), v => (double)v),
            _ => throw UserInputException.ForFile(path, $"attribute '{attribute.Name}' has type {TypeName(t)}; expected numbers"),
        };
    }

    interface ISink<TOut>
    {
        TOut[] Convert<T>(T[] values) where T : unmanaged, INumberBase<T>;
    }

    readonly struct FloatSink : ISink<float>
    {
        public float[] Convert<T>(T[] values) where T : unmanaged, INumberBase<T>
        {
            if (values is float[] same) return same;
            var result = GC.AllocateUninitializedArray<float>(values.Length);
            for (int i = 0; i < values.Length; i++) result[i] = float.CreateTruncating(values[i]);
            return result;
        }
    }

    readonly struct IntSink(string path, string name, Func<long, string> describe) : ISink<int>
    {
        public int[] Convert<T>(T[] values) where T : unmanaged, INumberBase<T>
        {
            if (values is int[] same) return same;
            var result = GC.AllocateUninitializedArray<int>(values.Length);
            for (int i = 0; i < values.Length; i++)
            {
                double v = double.CreateTruncating(values[i]);
                if (v != Math.Floor(v) || v < int.MinValue || v > int.MaxValue)
                    throw UserInputException.ForFile(path, $"'{name}' holds {values[i]} at {describe(i)}; labels must be whole numbers in the int range (at most {int.MaxValue})");
                result[i] = (int)v;
            }
            return result;
        }
    }

    static TOut[] Read<TOut, TSink>(NativeDataset native, H5DatasetAccess access, Selection selection, string path, string name, TSink sink) where TSink : ISink<TOut>
    {
        var t = native.Type;
        return (t.Class, t.Size, t.Class == H5DataTypeClass.FixedPoint && t.FixedPoint.IsSigned) switch
        {
            (H5DataTypeClass.FixedPoint, 1, false) => sink.Convert(native.Read<byte[]>(access, selection)),
            (H5DataTypeClass.FixedPoint, 1, true) => sink.Convert(native.Read<sbyte[]>(access, selection)),
            (H5DataTypeClass.FixedPoint, 2, false) => sink.Convert(native.Read<ushort[]>(access, selection)),
            (H5DataTypeClass.FixedPoint, 2, true) => sink.Convert(native.Read<short[]>(access, selection)),
            (H5DataTypeClass.FixedPoint, 4, false) => sink.Convert(native.Read<uint[]>(access, selection)),
            (H5DataTypeClass.FixedPoint, 4, true) => sink.Convert(native.Read<int[]>(access, selection)),
            (H5DataTypeClass.FixedPoint, 8, false) => sink.Convert(native.Read<ulong[]>(access, selection)),
            (H5DataTypeClass.FixedPoint, 8, true) => sink.Convert(native.Read<long[]>(access, selection)),
            (H5DataTypeClass.FloatingPoint, 4, _) => sink.Convert(native.Read<float[]>(access, selection)),
            (H5DataTypeClass.FloatingPoint, 8, _) => sink.Convert(native.Read<double[]>(access, selection)),
            _ => throw UserInputException.ForFile(path, $"dataset '{name}' has type {TypeName(t)}; only integer and float voxels are read"),
        };
    }
}
