using Gtgm.IO;
using PureHDF;
using PureHDF.Filters;
using PureHDF.VOL.Native;

namespace Gtgm.Imaging.Hdf5;

/// <summary>
/// Writes a CREMI-layout HDF5 file (via PureHDF), atomically: <c>volumes/raw</c> (uint8 when every voxel is a
/// whole number in 0..255, as EM raw data is, else float32), optionally <c>volumes/labels/neuron_ids</c> (uint64),
/// each with <c>resolution</c> (z, y, x) in nm, chunked and deflate-compressed.
/// </summary>
public static class CremiWriter
{
    /// <summary>
    /// Deflate levels PureHDF 2.2.0 writes correctly: other levels throw mid-write and leave a corrupt file
    /// (shared/notes/toolchain.md), so they are refused before anything is written.
    /// </summary>
    public static readonly IReadOnlySet<int> DeflateLevels = new HashSet<int> { 0, 1, 9 };

    public static void Write(string path, Volume raw, LabelVolume? labels = null, int deflateLevel = 1) =>
        Write(path, raw, labels, raw.Geometry, deflateLevel);

    /// <summary>A file with only <c>volumes/labels/neuron_ids</c>.</summary>
    public static void WriteLabels(string path, LabelVolume labels, int deflateLevel = 1) =>
        Write(path, null, labels, labels.Geometry, deflateLevel);

    /// <summary>
    /// A file with one float32 (c, z, y, x) dataset at <paramref name="dataset"/> (e.g. <see cref="CremiFile.Affinities"/>),
    /// with <c>resolution</c> (and <c>offset</c>) (z, y, x) in nm like the CREMI volumes.
    /// </summary>
    public static void WriteChannels(string path, Volume volume, string dataset, int deflateLevel = 1)
    {
        var creation = Creation(deflateLevel);
        var g = volume.Geometry;
        var (resolution, offset) = ResolutionAndOffsetNm(g);
        var shape = new ulong[] { (ulong)volume.Channels, (ulong)g.Depth, (ulong)g.Height, (ulong)g.Width };
        var chunks = new uint[] { 1 }.Concat(Chunks(g)).ToArray();
        var parts = dataset.Trim('/').Split('/');
        object node = Dataset(volume.Data, shape, chunks, creation, resolution, offset);
        for (int i = parts.Length - 1; i > 0; i--) node = new H5Group { [parts[i]] = node };
        var file = new H5File { [parts[0]] = node };
        Save(path, file);
    }

    static void Write(string path, Volume? raw, LabelVolume? labels, VolumeGeometry g, int deflateLevel)
    {
        var creation = Creation(deflateLevel);
        if (raw != null && raw.Channels != 1) throw new ArgumentException($"A CREMI raw volume has one channel; this one has {raw.Channels}.");
        if (labels != null && !labels.Geometry.SameGrid(g))
            throw new ArgumentException($"Labels {labels.Geometry} are not on the raw volume's grid {g}.");
        var (resolution, offset) = ResolutionAndOffsetNm(g);
        var shape = new ulong[] { (ulong)g.Depth, (ulong)g.Height, (ulong)g.Width };
        var chunks = Chunks(g);

        var volumes = new H5Group();
        if (raw != null) volumes["raw"] = Dataset(RawData(raw.Data), shape, chunks, creation, resolution, offset);
        if (labels != null)
            volumes["labels"] = new H5Group { ["neuron_ids"] = Dataset(Ids(labels.Data), shape, chunks, creation, resolution, offset) };
        Save(path, new H5File { ["volumes"] = volumes });
    }

    static H5DatasetCreation Creation(int deflateLevel)
    {
        if (!DeflateLevels.Contains(deflateLevel))
            throw new UserInputException($"deflate level {deflateLevel} is not supported by the HDF5 writer; use 0 (none), 1 (fast) or 9 (small)");
        return new H5DatasetCreation(Filters: deflateLevel == 0 ? new List<H5Filter>() : new List<H5Filter>
        {
            new(DeflateFilter.Id, new Dictionary<string, object> { [DeflateFilter.COMPRESSION_LEVEL] = deflateLevel }),
        });
    }

    static uint[] Chunks(VolumeGeometry g) => new[] { (uint)Math.Min(g.Depth, 16), (uint)Math.Min(g.Height, 128), (uint)Math.Min(g.Width, 128) };

    static void Save(string path, H5File file)
    {
        // PureHDF needs a readable, seekable stream; AtomicFile's is write-only, so the file is built in memory first.
        using var memory = new MemoryStream();
        file.Write(memory);
        AtomicFile.Write(path, stream => memory.WriteTo(stream));
    }

    static H5Dataset Dataset(object data, ulong[] shape, uint[] chunks, H5DatasetCreation creation, double[] resolution, double[] offset)
    {
        var dataset = new H5Dataset(data, chunks: chunks, fileDims: shape, datasetCreation: creation)
        {
            Attributes = new() { [CremiFile.ResolutionAttribute] = resolution },
        };
        if (offset.Any(o => o != 0)) dataset.Attributes[CremiFile.OffsetAttribute] = offset;
        return dataset;
    }

    static object RawData(float[] data) =>
        data.All(v => v >= 0 && v <= 255 && v == MathF.Floor(v)) ? data.Select(v => (byte)v).ToArray() : data;

    static ulong[] Ids(int[] labels) =>
        labels.Select(v => v >= 0 ? (ulong)v : throw new ArgumentException($"Neuron ids must be non-negative; found {v}.")).ToArray();

    /// <summary>Voxel size and origin (z, y, x) in nm; the grid must be axis-aligned and unflipped, as CREMI has no orientation.</summary>
    static (double[] Resolution, double[] Offset) ResolutionAndOffsetNm(VolumeGeometry g)
    {
        var a = g.Affine;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                if (i == j ? a[i * 4 + j] <= 0 : a[i * 4 + j] != 0)
                    throw new ArgumentException("A CREMI file stores an axis-aligned, unflipped grid; this volume's affine is rotated, flipped or sheared.");
        double scale = g.Unit switch { "nm" => 1, "um" or "µm" => 1e3, "mm" => 1e6, _ => throw new ArgumentException($"Unknown length unit '{g.Unit}'.") };
        return (new[] { a[10] * scale, a[5] * scale, a[0] * scale }, new[] { a[11] * scale, a[7] * scale, a[3] * scale });
    }
}
