using PureHDF;
using PureHDF.Selections;

namespace Gtgm.Imaging.Hdf5;

/// <summary>What one dataset of a CREMI file holds, without reading its voxels.</summary>
public sealed record Hdf5DatasetInfo(string Name, int[] Shape, string DataType, double[] Resolution);

/// <summary>
/// Reads CREMI-layout HDF5 volumes (via PureHDF): the whole raw volume or labels, or a block of them — only the
/// chunks the block touches are read and inflated.
/// </summary>
public static class CremiReader
{
    public static Volume ReadRaw(string path, string dataset = CremiFile.Raw) => ReadRaw(path, null, dataset);

    /// <summary>The voxels of <paramref name="block"/> (the whole volume when null), placed in the world where the block lies.</summary>
    public static Volume ReadRaw(string path, VoxelBlock? block, string dataset = CremiFile.Raw)
    {
        using var file = Open(path);
        var (ds, shape, region, geometry) = Locate(file, path, dataset, block);
        var data = Hdf5Numbers.ReadFloats(ds, Selection(region), path, dataset);
        return new Volume(geometry, 1, data, Modality.EM);
    }

    public static LabelVolume ReadLabels(string path, string dataset = CremiFile.NeuronIds) => ReadLabels(path, null, dataset);

    /// <summary>Instance ids (uint64 in CREMI files) as ints; an id beyond int range is refused with its position.</summary>
    public static LabelVolume ReadLabels(string path, VoxelBlock? block, string dataset = CremiFile.NeuronIds)
    {
        using var file = Open(path);
        var (ds, _, region, geometry) = Locate(file, path, dataset, block);
        var data = Hdf5Numbers.ReadInts(ds, Selection(region), path, dataset, i =>
        {
            long x = i % region.Width, y = i / region.Width % region.Height, z = i / ((long)region.Width * region.Height);
            return $"(z={region.Z + z}, y={region.Y + y}, x={region.X + x})";
        });
        return new LabelVolume(geometry, data);
    }

    public static Hdf5DatasetInfo Describe(string path, string dataset)
    {
        using var file = Open(path);
        var ds = Dataset(file, path, dataset);
        return new Hdf5DatasetInfo(dataset, Shape(ds, path, dataset), Hdf5Numbers.TypeName(ds.Type), Resolution(file, ds, path));
    }

    /// <summary>Every dataset in the file, as full paths without the leading slash.</summary>
    public static IReadOnlyList<string> ListDatasets(string path)
    {
        using var file = Open(path);
        return ListDatasets(file);
    }

    public static bool Contains(string path, string dataset)
    {
        using var file = Open(path);
        return file.LinkExists(dataset) && file.Get(dataset) is IH5Dataset;
    }

    static IReadOnlyList<string> ListDatasets(IH5Group root)
    {
        var names = new List<string>();
        void Walk(IH5Group group, string prefix)
        {
            foreach (var child in group.Children())
            {
                string name = prefix + child.Name;
                if (child is IH5Group g) Walk(g, name + "/");
                else if (child is IH5Dataset) names.Add(name);
            }
        }
        Walk(root, "");
        return names;
    }

    static PureHDF.VOL.Native.NativeFile Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
        try
        {
            return H5File.OpenRead(path);
        }
        catch (Exception e) when (e is not IOException and not UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: not a readable HDF5 file ({e.Message})", e);
        }
    }

    static IH5Dataset Dataset(PureHDF.VOL.Native.NativeFile file, string path, string dataset)
    {
        if (file.LinkExists(dataset) && file.Get(dataset) is IH5Dataset ds) return ds;
        var present = ListDatasets(file);
        throw UserInputException.ForFile(path, $"has no dataset '{dataset}'; it holds "
            + (present.Count == 0 ? "no datasets" : string.Join(", ", present.Select(p => $"'{p}'"))));
    }

    static (IH5Dataset Dataset, int[] Shape, VoxelBlock Region, VolumeGeometry Geometry) Locate(
        PureHDF.VOL.Native.NativeFile file, string path, string dataset, VoxelBlock? block)
    {
        var ds = Dataset(file, path, dataset);
        var shape = Shape(ds, path, dataset);
        var region = block ?? VoxelBlock.Whole(shape);
        if (!region.FitsIn(shape))
            throw UserInputException.ForFile(path, $"block {region} does not fit in '{dataset}' of shape {string.Join("×", shape)} (z×y×x)");
        var res = Resolution(file, ds, path);
        var offset = Attribute(file, ds, CremiFile.OffsetAttribute, path) ?? new double[3];
        var affine = new double[]
        {
            res[2], 0, 0, offset[2] + region.X * res[2],
            0, res[1], 0, offset[1] + region.Y * res[1],
            0, 0, res[0], offset[0] + region.Z * res[0],
            0, 0, 0, 1,
        };
        return (ds, shape, region, new VolumeGeometry(region.Depth, region.Height, region.Width, affine, CremiFile.Unit));
    }

    static int[] Shape(IH5Dataset ds, string path, string dataset)
    {
        var dims = ds.Space.Dimensions;
        if (dims.Length != 3)
            throw UserInputException.ForFile(path, $"dataset '{dataset}' has {dims.Length} dimensions ({string.Join("×", dims)}); a volume needs 3 (z, y, x)");
        return dims.Select(d => checked((int)d)).ToArray();
    }

    /// <summary>Voxel size (z, y, x) in nm from the dataset's (or the file's) <c>resolution</c>; 1 nm when absent.</summary>
    static double[] Resolution(IH5Group file, IH5Dataset ds, string path)
    {
        var res = Attribute(file, ds, CremiFile.ResolutionAttribute, path) ?? new double[] { 1, 1, 1 };
        if (res.Any(r => !(r > 0) || !double.IsFinite(r)))
            throw UserInputException.ForFile(path, $"resolution ({string.Join(", ", res)}) must be three positive sizes (z, y, x) in nm");
        return res;
    }

    static double[]? Attribute(IH5Group file, IH5Dataset ds, string name, string path)
    {
        IH5Object? owner = ds.AttributeExists(name) ? ds : file.AttributeExists(name) ? file : null;
        if (owner == null) return null;
        var values = Hdf5Numbers.ReadAttribute(owner.Attribute(name), path);
        if (values.Length != 3)
            throw UserInputException.ForFile(path, $"attribute '{name}' has {values.Length} values; expected 3 (z, y, x)");
        return values;
    }

    static Selection Selection(VoxelBlock b) => new HyperslabSelection(3,
        new ulong[] { (ulong)b.Z, (ulong)b.Y, (ulong)b.X },
        new ulong[] { (ulong)b.Depth, (ulong)b.Height, (ulong)b.Width });
}
