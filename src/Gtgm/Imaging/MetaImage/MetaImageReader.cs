using System.IO.Compression;
using Gtgm.Imaging.Nifti;

namespace Gtgm.Imaging.MetaImage;

/// <summary>
/// Reads MetaImage (.mhd with .raw or zlib .zraw; .mha with LOCAL data), any scalar ElementType, either byte
/// order. MetaImage/ITK positions are LPS; the affine returned is RAS like every other reader's (x and y negated).
/// ElementNumberOfChannels (interleaved per voxel) or a 4th dimension become channels.
/// </summary>
public static class MetaImageReader
{
    public static MetaImageHeader ReadHeader(string path) => MetaImageHeader.Read(path);

    public static Volume ReadImage(string path, Modality modality = Modality.Other)
    {
        var h = MetaImageHeader.Read(path);
        var bytes = VoxelBytes(h, path);
        var values = GC.AllocateUninitializedArray<float>(checked((int)h.ElementCount));
        VoxelConversion.ToFloat(bytes, h.ElementType, values);
        var (first, count) = VoxelConversion.NonFinite(values);
        if (count > 0)
            throw UserInputException.ForFile(path, $"{count} voxel(s) are NaN or infinite (first at element {first}); clean the image before using it");
        var (geometry, channels) = Grid(h, path);
        return new Volume(geometry, channels, h.Channels > 1 ? Deinterleave(values, h.Channels) : values, modality);
    }

    public static LabelVolume ReadLabels(string path)
    {
        var h = MetaImageHeader.Read(path);
        var (geometry, channels) = Grid(h, path);
        if (channels != 1) throw UserInputException.ForFile(path, $"a label map must have one channel, this image has {channels}");
        var bytes = VoxelBytes(h, path);
        var labels = GC.AllocateUninitializedArray<int>(checked((int)h.ElementCount));
        int bad = VoxelConversion.ToLabels(bytes, h.ElementType, null, labels);
        if (bad >= 0)
            throw UserInputException.ForFile(path, $"not a label map: element {bad} holds {VoxelConversion.ValueAt(bytes, h.ElementType, bad):R}; labels must be whole numbers in the int range");
        return new LabelVolume(geometry, labels);
    }

    /// <summary>The voxel bytes in native order, exactly as many as the header describes.</summary>
    static byte[] VoxelBytes(MetaImageHeader h, string path)
    {
        string dataPath = h.DataFile ?? path;
        if (!File.Exists(dataPath)) throw UserInputException.ForFile(path, $"its data file {dataPath} does not exist");
        int size = NiftiDataTypes.ScalarSize(h.ElementType);
        long expected = h.ElementCount * size;
        if (expected > Array.MaxLength) throw UserInputException.ForFile(path, "image too large for one array");
        var bytes = new byte[expected];
        using (var file = File.OpenRead(dataPath))
        {
            if (h.DataFile == null) file.Seek(h.HeaderLength, SeekOrigin.Begin);
            int got;
            try
            {
                using Stream data = h.Compressed ? new ZLibStream(file, CompressionMode.Decompress) : file;
                got = data.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                if (got == bytes.Length && data.ReadByte() >= 0) got = -1;
            }
            catch (InvalidDataException e)
            {
                throw new UserInputException($"{dataPath}: corrupt zlib data ({e.Message})", e);
            }
            if (got != bytes.Length)
                throw UserInputException.ForFile(path, $"DimSize {string.Join("×", h.DimSize)} of {MetaImageHeader.ElementTypeName(h.ElementType)}"
                    + (h.Channels > 1 ? $" × {h.Channels} channels" : "") + $" needs {expected} bytes, but {dataPath} holds "
                    + (got < 0 ? "more" : $"{got}") + (h.Compressed ? " after decompression" : "") + ": the header does not match the data");
        }
        if (h.BigEndian) VoxelConversion.SwapInPlace(bytes, size);
        return bytes;
    }

    /// <summary>RAS affine from ITK's LPS direction rows, spacing and offset; (z, y, x) shape; channel count.</summary>
    static (VolumeGeometry Geometry, int Channels) Grid(MetaImageHeader h, string path)
    {
        int n = Math.Min(h.DimSize.Length, 3);
        int channels = h.DimSize.Length == 4 ? h.DimSize[3] * h.Channels : h.Channels;
        var affine = new double[16];
        affine[15] = 1;
        for (int axis = 0; axis < 3; axis++)
        {
            double spacing = axis < n ? h.ElementSpacing[axis] : 1;
            for (int world = 0; world < 3; world++)
            {
                double direction = axis < n && world < n ? h.TransformMatrix[axis * h.DimSize.Length + world] : axis == world ? 1 : 0;
                double lpsToRas = world < 2 ? -1 : 1;
                affine[world * 4 + axis] = lpsToRas * direction * spacing;
            }
        }
        for (int world = 0; world < 3; world++) affine[world * 4 + 3] = (world < 2 ? -1 : 1) * (world < n ? h.Offset[world] : 0);
        int depth = n == 3 ? h.DimSize[2] : 1;
        return (new VolumeGeometry(depth, h.DimSize[1], h.DimSize[0], affine), channels);
    }

    static float[] Deinterleave(float[] interleaved, int channels)
    {
        int voxels = interleaved.Length / channels;
        var planar = GC.AllocateUninitializedArray<float>(interleaved.Length);
        for (int v = 0; v < voxels; v++)
            for (int c = 0; c < channels; c++)
                planar[c * voxels + v] = interleaved[v * channels + c];
        return planar;
    }
}
