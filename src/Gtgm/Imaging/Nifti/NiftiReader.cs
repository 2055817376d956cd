using System.Buffers;
using System.Runtime.InteropServices;

namespace Gtgm.Imaging.Nifti;

/// <summary>
/// Reads NIfTI-1 and NIfTI-2 files (.nii, .nii.gz, either byte order, every real scalar datatype) into a
/// <see cref="Volume"/> or <see cref="LabelVolume"/>. The affine is nibabel's; <c>scl_slope</c>/<c>scl_inter</c>
/// are applied; dimensions past the third become channels (NIfTI stores them slowest, so (t, z, y, x) on disk
/// is already our (c, z, y, x) layout and no transposition is needed).
/// </summary>
public static class NiftiReader
{
    /// <summary>Bytes decompressed and converted per step: small enough to stay in L2 between the two.</summary>
    const int ChunkBytes = 1 << 18;

    public static NiftiHeader ReadHeader(string path)
    {
        using var source = new NiftiSource(path);
        return source.Header;
    }

    public static Volume ReadImage(string path, Modality modality = Modality.Other)
    {
        using var source = new NiftiSource(path);
        var h = source.Header;
        var geometry = Geometry(h, path);
        var data = GC.AllocateUninitializedArray<float>(CheckedLength(h, path));
        var scaling = h.Scaling;

        if (h.DataType == NiftiDataType.Float32 && !h.BigEndian)
        {
            // Same layout as our array: decompress straight into it, no staging buffer.
            var bytes = MemoryMarshal.AsBytes(data.AsSpan());
            for (long done = 0; done < bytes.Length; done += 1 << 24)
                source.ReadData(bytes.Slice((int)done, (int)Math.Min(1 << 24, bytes.Length - done)));
            if (scaling is { } s) VoxelConversion.Scale(data, s.Slope, s.Inter);
        }
        else
        {
            ReadChunks(source, (chunk, first) =>
            {
                var destination = data.AsSpan((int)first, chunk.Length / NiftiDataTypes.ScalarSize(h.DataType));
                VoxelConversion.ToFloat(chunk, h.DataType, destination);
                if (scaling is { } s) VoxelConversion.Scale(destination, s.Slope, s.Inter);
            });
        }
        source.RequireEnd();
        if (NiftiDataTypes.IsFloat(h.DataType) || scaling != null) RequireFinite(data, h, path);
        return new Volume(geometry, (int)h.Channels, data, modality);
    }

    /// <summary>Reads a label map; every voxel must be a whole number in int range after scaling.</summary>
    public static LabelVolume ReadLabels(string path)
    {
        using var source = new NiftiSource(path);
        var h = source.Header;
        if (h.Channels != 1)
            throw UserInputException.ForFile(path, $"a label map must have one channel, this file has {h.Channels} (dims {string.Join("×", h.Dim.Skip(1).Take(h.Rank))})");
        var geometry = Geometry(h, path);
        var data = GC.AllocateUninitializedArray<int>(CheckedLength(h, path));
        var scaling = h.Scaling;
        ReadChunks(source, (chunk, first) =>
        {
            var destination = data.AsSpan((int)first, chunk.Length / NiftiDataTypes.ScalarSize(h.DataType));
            int bad = VoxelConversion.ToLabels(chunk, h.DataType, scaling, destination);
            if (bad >= 0)
            {
                double value = VoxelConversion.ValueAt(chunk, h.DataType, bad);
                if (scaling is { } s) value = value * s.Slope + s.Inter;
                throw UserInputException.ForFile(path, $"not a label map: voxel {Position(h, first + bad)} holds {value:R} ({NiftiDataTypes.Name(h.DataType)}); labels must be whole numbers in the int range");
            }
        });
        source.RequireEnd();
        return new LabelVolume(geometry, data);
    }

    delegate void ChunkHandler(Span<byte> chunk, long firstElement);

    static void ReadChunks(NiftiSource source, ChunkHandler handle)
    {
        var h = source.Header;
        int size = NiftiDataTypes.ScalarSize(h.DataType);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            for (long done = 0; done < h.DataBytes;)
            {
                int n = (int)Math.Min(ChunkBytes, h.DataBytes - done);
                var chunk = buffer.AsSpan(0, n);
                source.ReadData(chunk);
                if (h.BigEndian) VoxelConversion.SwapInPlace(chunk, size);
                handle(chunk, done / size);
                done += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    static void RequireFinite(float[] data, NiftiHeader h, string path)
    {
        var (first, count) = VoxelConversion.NonFinite(data);
        if (count > 0)
            throw UserInputException.ForFile(path, $"{count} voxel(s) are NaN or infinite (first at {Position(h, first)}); clean the image before using it");
    }

    /// <summary>A flat element index as the (x, y, z[, channel]) position a viewer shows.</summary>
    static string Position(NiftiHeader h, long index)
    {
        long x = index % h.Width, y = index / h.Width % h.Height, z = index / (h.Width * h.Height) % h.Depth;
        long c = index / (h.Width * h.Height * h.Depth);
        return h.Channels > 1 ? $"(x={x}, y={y}, z={z}, channel {c})" : $"(x={x}, y={y}, z={z})";
    }

    static VolumeGeometry Geometry(NiftiHeader h, string path)
    {
        if (h.Width > int.MaxValue || h.Height > int.MaxValue || h.Depth > int.MaxValue || h.Channels > int.MaxValue)
            throw UserInputException.ForFile(path, "dimensions too large for this reader");
        return new VolumeGeometry((int)h.Depth, (int)h.Height, (int)h.Width, NiftiAffine.FromHeader(h, path), h.SpatialUnit);
    }

    static int CheckedLength(NiftiHeader h, string path) =>
        h.ElementCount <= Array.MaxLength && h.DataBytes <= (long)Array.MaxLength * 8
            ? (int)h.ElementCount
            : throw UserInputException.ForFile(path, $"{h.ElementCount} voxels are more than one array can hold ({Array.MaxLength})");
}
