using System.IO.Compression;
using System.Runtime.InteropServices;
using Gtgm.IO;

namespace Gtgm.Imaging.Nifti;

/// <summary>
/// Writes NIfTI-1 (NIfTI-2 when a dimension exceeds 32767), little-endian, gzip-compressed when the path ends
/// in ".gz", atomically. Images are float32; labels uint8, int16 or int32, whichever is the smallest that holds
/// them. The affine goes into the sform exactly and into the qform as its nearest rigid part, both with code 1
/// (scanner anatomical), so nibabel, ITK and 3D Slicer agree on where the voxels are.
/// </summary>
public static class NiftiWriter
{
    public static void WriteImage(Volume volume, string path)
    {
        var header = HeaderFor(volume.Geometry, volume.Channels, NiftiDataType.Float32);
        WriteRaw(path, header, MemoryMarshal.AsBytes(volume.Data.AsSpan()));
    }

    public static void WriteLabels(LabelVolume labels, string path)
    {
        var (type, bytes) = LabelEncoding.Smallest(labels.Data);
        WriteRaw(path, HeaderFor(labels.Geometry, 1, type), bytes);
    }

    /// <summary>Writes a header and voxel bytes already in the header's datatype and byte order.</summary>
    public static void WriteRaw(string path, NiftiHeader header, ReadOnlySpan<byte> voxels)
    {
        if (voxels.Length != header.DataBytes)
            throw new ArgumentException($"{voxels.Length} voxel bytes given; the header describes {header.DataBytes}.");
        var head = header.Encode();
        var copy = voxels.ToArray();
        bool gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        AtomicFile.Write(path, file =>
        {
            if (!gzip)
            {
                file.Write(head);
                file.Write(copy);
                return;
            }
            using var zip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
            zip.Write(head);
            zip.Write(copy);
        });
    }

    /// <summary>A header for a grid: dims, voxel sizes, qform and sform from the affine, and the length unit.</summary>
    public static NiftiHeader HeaderFor(VolumeGeometry geometry, int channels, NiftiDataType type, bool bigEndian = false)
    {
        var (affine, units) = InNiftiUnits(geometry);
        var (quatern, zooms, qfac) = NiftiAffine.ToQform(affine);
        long[] dims = { channels > 1 ? 4 : 3, geometry.Width, geometry.Height, geometry.Depth, channels, 1, 1, 1 };
        bool large = dims.Skip(1).Any(d => d > short.MaxValue);
        var srow = new double[12];
        Array.Copy(affine, srow, 12);
        return new NiftiHeader
        {
            Version = large ? 2 : 1,
            BigEndian = bigEndian,
            DataType = type,
            Dim = dims,
            PixDim = new[] { qfac, zooms[0], zooms[1], zooms[2], 1, 1, 1, 1 },
            VoxOffset = large ? NiftiLayout.Nifti2Size + 4 : NiftiLayout.Nifti1Size + 4,
            SclSlope = 1,
            SclInter = 0,
            QformCode = 1,
            SformCode = 1,
            Quatern = quatern,
            Srow = srow,
            XyztUnits = units,
            Description = "gtgm",
        };
    }

    /// <summary>NIfTI knows m, mm and µm: nanometre grids (EM) are written in µm.</summary>
    static (double[] Affine, int Units) InNiftiUnits(VolumeGeometry g) => g.Unit switch
    {
        "mm" => (g.Affine, 2),
        "um" or "µm" => (g.Affine, 3),
        "m" => (g.Affine, 1),
        "nm" => (g.Affine.Select((v, i) => i < 12 ? v / 1000 : v).ToArray(), 3),
        _ => (g.Affine, 0),
    };
}
