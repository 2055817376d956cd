namespace Gtgm.Imaging.Hdf5;

/// <summary>What one dataset of a CREMI file holds, without reading its voxels.</summary>
public sealed record Hdf5DatasetInfo(string Name, int[] Shape, string DataType, double[] Resolution);

/// <summary>
/// One-call reads of CREMI-layout HDF5 volumes (via PureHDF): the whole raw volume or labels, or a block of them
/// — only the chunks the block touches are read and inflated. To read many blocks of one file, open a
/// <see cref="CremiDataset"/> once instead.
/// </summary>
public static class CremiReader
{
    public static Volume ReadRaw(string path, string dataset = CremiFile.Raw) => ReadRaw(path, null, dataset);

    public static Volume ReadRaw(string path, VoxelBlock? block, string dataset = CremiFile.Raw)
    {
        using var ds = CremiDataset.Open(path, dataset);
        return ds.ReadRaw(block);
    }

    public static LabelVolume ReadLabels(string path, string dataset = CremiFile.NeuronIds) => ReadLabels(path, null, dataset);

    public static LabelVolume ReadLabels(string path, VoxelBlock? block, string dataset = CremiFile.NeuronIds)
    {
        using var ds = CremiDataset.Open(path, dataset);
        return ds.ReadLabels(block);
    }

    /// <summary>A whole (c, z, y, x) float dataset, such as affinities, as a C-channel volume.</summary>
    public static Volume ReadChannels(string path, string dataset)
    {
        using var ds = CremiDataset.OpenChannels(path, dataset);
        return ds.ReadChannels();
    }

    public static Hdf5DatasetInfo Describe(string path, string dataset)
    {
        using var ds = CremiDataset.Open(path, dataset);
        return new Hdf5DatasetInfo(dataset, ds.Shape, ds.DataType, ds.Resolution);
    }

    /// <summary>Every dataset in the file, as full paths without the leading slash.</summary>
    public static IReadOnlyList<string> ListDatasets(string path)
    {
        using var file = CremiDataset.OpenFile(path);
        return CremiDataset.DatasetNames(file);
    }
}
