using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using Gtgm.Imaging.Nifti;
using Gtgm.IO;

namespace Gtgm.Imaging.MetaImage;

/// <summary>
/// Writes MetaImage: a .mhd header and, beside it, a .raw (or zlib-compressed .zraw) voxel file, both atomically;
/// or one .mha file with the voxels after the header.
/// The RAS affine is converted to ITK's LPS (x and y negated) as direction rows, spacing and offset. Images are
/// MET_FLOAT; labels MET_UCHAR, MET_SHORT or MET_INT, the smallest that holds them.
/// </summary>
public static class MetaImageWriter
{
    public static void WriteImage(Volume volume, string path, bool compress = false) =>
        Write(path, volume.Geometry, volume.Channels, NiftiDataType.Float32, MemoryMarshal.AsBytes(volume.Data.AsSpan()).ToArray(), compress);

    public static void WriteLabels(LabelVolume labels, string path, bool compress = false)
    {
        var (type, bytes) = LabelEncoding.Smallest(labels.Data);
        Write(path, labels.Geometry, 1, type, bytes, compress);
    }

    static void Write(string path, VolumeGeometry g, int channels, NiftiDataType type, byte[] voxels, bool compress)
    {
        var payload = compress ? Deflate(voxels) : voxels;
        if (path.EndsWith(".mha", StringComparison.OrdinalIgnoreCase))
        {
            var header = Encoding.ASCII.GetBytes(Header(g, channels, type, compress, payload.Length, "LOCAL"));
            AtomicFile.Write(path, s => { s.Write(header); s.Write(payload); });
            return;
        }
        if (!path.EndsWith(".mhd", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"A MetaImage path ends in .mhd (header + data file) or .mha (one file): {path}");
        string dataName = Path.GetFileNameWithoutExtension(path) + (compress ? ".zraw" : ".raw");
        string dataPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, dataName);
        AtomicFile.WriteAllBytes(dataPath, payload);
        AtomicFile.WriteAllText(path, Header(g, channels, type, compress, payload.Length, dataName));
    }

    static string Header(VolumeGeometry g, int channels, NiftiDataType type, bool compress, long compressedSize, string dataName)
    {
        var a = g.Affine;
        var spacing = new double[3];
        var rows = new double[9];
        for (int axis = 0; axis < 3; axis++)
        {
            spacing[axis] = Math.Sqrt(a[axis] * a[axis] + a[4 + axis] * a[4 + axis] + a[8 + axis] * a[8 + axis]);
            for (int world = 0; world < 3; world++)
                rows[axis * 3 + world] = (world < 2 ? -1 : 1) * a[world * 4 + axis] / spacing[axis];
        }
        var offset = new[] { -a[3], -a[7], a[11] };
        var sb = new StringBuilder();
        sb.Append("ObjectType = Image\nNDims = ").Append(channels > 1 ? 4 : 3).Append('\n');
        sb.Append("BinaryData = True\nBinaryDataByteOrderMSB = False\n");
        sb.Append("CompressedData = ").Append(compress ? "True" : "False").Append('\n');
        if (compress) sb.Append("CompressedDataSize = ").Append(compressedSize).Append('\n');
        sb.Append("TransformMatrix = ").Append(Join(rows)).Append('\n');
        sb.Append("Offset = ").Append(Join(offset)).Append('\n');
        sb.Append("ElementSpacing = ").Append(Join(spacing)).Append('\n');
        sb.Append("DimSize = ").Append(g.Width).Append(' ').Append(g.Height).Append(' ').Append(g.Depth);
        if (channels > 1) sb.Append(' ').Append(channels);
        sb.Append('\n');
        sb.Append("ElementType = ").Append(MetaImageHeader.ElementTypeName(type)).Append('\n');
        sb.Append("ElementDataFile = ").Append(dataName).Append('\n');
        return sb.ToString();
    }

    static string Join(IEnumerable<double> values) => string.Join(' ', values.Select(v => (v == 0 ? 0 : v).ToString("R", CultureInfo.InvariantCulture)));

    static byte[] Deflate(byte[] data)
    {
        using var memory = new MemoryStream();
        using (var zlib = new ZLibStream(memory, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(data);
        return memory.ToArray();
    }
}
