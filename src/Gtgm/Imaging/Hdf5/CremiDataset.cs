using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace Gtgm.Imaging.Hdf5;

/// <summary>
/// One dataset of an open CREMI HDF5 file, for reading many blocks without reopening the file or re-inflating
/// chunks: the file's metadata is parsed once and one chunk cache serves every read.
/// </summary>
public sealed class CremiDataset : IDisposable
{
    readonly NativeFile _file;
    readonly IH5Dataset _dataset;
    readonly H5DatasetAccess _access = Hdf5Numbers.Access();
    readonly double[] _offset;
    readonly bool _channelAxis;

    public string Path { get; }
    public string Name { get; }
    /// <summary>(z, y, x).</summary>
    public int[] Shape { get; }
    /// <summary>Voxel size (z, y, x) in nm.</summary>
    public double[] Resolution { get; }
    /// <summary>Stored element type, NumPy-style ("uint8", "uint64", ...).</summary>
    public string DataType { get; }

    /// <summary>Number of channels: 1 for a (z, y, x) dataset, C for a (c, z, y, x) one opened with <see cref="OpenChannels"/>.</summary>
    public int Channels { get; }

    /// <summary>A (z, y, x) dataset.</summary>
    public static CremiDataset Open(string path, string dataset) => Open(path, dataset, channelAxis: false);

    /// <summary>A (c, z, y, x) dataset, such as the [3, D, H, W] affinities of an EM segmentation network.</summary>
    public static CremiDataset OpenChannels(string path, string dataset) => Open(path, dataset, channelAxis: true);

    static CremiDataset Open(string path, string dataset, bool channelAxis)
    {
        var file = OpenFile(path);
        try
        {
            return new CremiDataset(file, path, dataset, channelAxis);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    CremiDataset(NativeFile file, string path, string name, bool channelAxis)
    {
        _file = file;
        Path = path;
        Name = name;
        if (!(file.LinkExists(name) && file.Get(name) is IH5Dataset ds))
        {
            var present = DatasetNames(file);
            throw UserInputException.ForFile(path, $"has no dataset '{name}'; it holds "
                + (present.Count == 0 ? "no datasets" : string.Join(", ", present.Select(p => $"'{p}'"))));
        }
        _dataset = ds;
        var dims = ds.Space.Dimensions;
        if (dims.Length != (channelAxis ? 4 : 3))
            throw UserInputException.ForFile(path, $"dataset '{name}' has {dims.Length} dimensions ({string.Join("×", dims)}); "
                + (channelAxis ? "expected 4 (c, z, y, x)" : "a volume needs 3 (z, y, x)"));
        _channelAxis = channelAxis;
        Channels = channelAxis ? checked((int)dims[0]) : 1;
        Shape = dims.Skip(channelAxis ? 1 : 0).Select(d => checked((int)d)).ToArray();
        DataType = Hdf5Numbers.TypeName(ds.Type);
        Resolution = Attribute(CremiFile.ResolutionAttribute) ?? new double[] { 1, 1, 1 };
        if (Resolution.Any(r => !(r > 0) || !double.IsFinite(r)))
            throw UserInputException.ForFile(path, $"resolution ({string.Join(", ", Resolution)}) must be three positive sizes (z, y, x) in nm");
        _offset = Attribute(CremiFile.OffsetAttribute) ?? new double[3];
    }

    /// <summary>The voxels of <paramref name="block"/> (the whole volume when null), placed in the world where the block lies.</summary>
    public Volume ReadRaw(VoxelBlock? block = null)
    {
        RequireNoChannelAxis();
        var region = Check(block);
        return new Volume(Geometry(region), 1, Hdf5Numbers.ReadFloats((NativeDataset)_dataset, _access, Selection(region), Path, Name), Modality.EM);
    }

    /// <summary>Instance ids as ints; an id beyond int range is refused with its position.</summary>
    public LabelVolume ReadLabels(VoxelBlock? block = null)
    {
        RequireNoChannelAxis();
        var region = Check(block);
        var data = Hdf5Numbers.ReadInts((NativeDataset)_dataset, _access, Selection(region), Path, Name, i =>
        {
            long x = i % region.Width, y = i / region.Width % region.Height, z = i / ((long)region.Width * region.Height);
            return $"(z={region.Z + z}, y={region.Y + y}, x={region.X + x})";
        });
        return new LabelVolume(Geometry(region), data);
    }

    /// <summary>Every channel of a (c, z, y, x) dataset as one float volume, channel first.</summary>
    public Volume ReadChannels()
    {
        var whole = VoxelBlock.Whole(Shape);
        var selection = new HyperslabSelection(4, new ulong[4],
            new[] { (ulong)Channels, (ulong)whole.Depth, (ulong)whole.Height, (ulong)whole.Width });
        return new Volume(Geometry(whole), Channels, Hdf5Numbers.ReadFloats((NativeDataset)_dataset, _access, selection, Path, Name));
    }

    void RequireNoChannelAxis()
    {
        if (_channelAxis)
            throw new InvalidOperationException($"'{Name}' was opened with a channel axis; read it with {nameof(ReadChannels)}.");
    }

    /// <summary>Every dataset in an open file, as full paths without the leading slash.</summary>
    internal static IReadOnlyList<string> DatasetNames(IH5Group root)
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

    internal static NativeFile OpenFile(string path)
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

    VoxelBlock Check(VoxelBlock? block)
    {
        var region = block ?? VoxelBlock.Whole(Shape);
        if (!region.FitsIn(Shape))
            throw UserInputException.ForFile(Path, $"block {region} does not fit in '{Name}' of shape {string.Join("×", Shape)} (z×y×x)");
        return region;
    }

    VolumeGeometry Geometry(VoxelBlock region)
    {
        var r = Resolution;
        var affine = new double[]
        {
            r[2], 0, 0, _offset[2] + region.X * r[2],
            0, r[1], 0, _offset[1] + region.Y * r[1],
            0, 0, r[0], _offset[0] + region.Z * r[0],
            0, 0, 0, 1,
        };
        return new VolumeGeometry(region.Depth, region.Height, region.Width, affine, CremiFile.Unit);
    }

    /// <summary>A (z, y, x) attribute of the dataset, else of the file; null when neither has it.</summary>
    double[]? Attribute(string name)
    {
        IH5Object? owner = _dataset.AttributeExists(name) ? _dataset : _file.AttributeExists(name) ? _file : null;
        if (owner == null) return null;
        var values = Hdf5Numbers.ReadAttribute(owner.Attribute(name), Path);
        if (values.Length != 3)
            throw UserInputException.ForFile(Path, $"attribute '{name}' has {values.Length} values; expected 3 (z, y, x)");
        return values;
    }

    static Selection Selection(VoxelBlock b) => new HyperslabSelection(3,
        new ulong[] { (ulong)b.Z, (ulong)b.Y, (ulong)b.X },
        new ulong[] { (ulong)b.Depth, (ulong)b.Height, (ulong)b.Width });

    public void Dispose() => _file.Dispose();
}
