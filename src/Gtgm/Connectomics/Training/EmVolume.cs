using Gtgm.Imaging;
using Gtgm.Imaging.Hdf5;
using Gtgm.Transforms.Preprocessing;

namespace Gtgm.Connectomics.Training;

/// <summary>A preprocessed raw EM volume with its neuron ids on the same grid (0 = membrane / unlabelled).</summary>
public sealed record EmVolume(Volume Raw, LabelVolume Labels)
{
    /// <summary>
    /// Raw and labels of a CREMI file, or of the sections [<paramref name="firstSlice"/>, +<paramref name="slices"/>)
    /// of it (null: all), raw normalised with <see cref="AffinityModel.Preprocessing"/>. Refuses raw and labels on
    /// different grids, and labels with no neuron.
    /// </summary>
    public static EmVolume Read(string path, string rawDataset, string labelsDataset, int firstSlice = 0, int? slices = null)
    {
        var shape = CremiReader.Describe(path, rawDataset).Shape;
        if (shape.Length != 3) throw UserInputException.ForFile(path, $"'{rawDataset}' has {shape.Length} dimensions; raw EM needs 3 (z, y, x)");
        int depth = slices ?? shape[0] - firstSlice;
        if (firstSlice < 0 || depth < 1 || firstSlice + depth > shape[0])
            throw UserInputException.ForFile(path, $"sections {firstSlice}..{firstSlice + depth - 1} do not lie within its {shape[0]} sections");
        var block = new VoxelBlock(firstSlice, 0, 0, depth, shape[1], shape[2]);
        var raw = CremiReader.ReadRaw(path, block, rawDataset);
        var labels = CremiReader.ReadLabels(path, block, labelsDataset);
        if (!raw.Geometry.SameGrid(labels.Geometry))
            throw UserInputException.ForFile(path, $"'{labelsDataset}' ({labels.Geometry}) is not on the grid of '{rawDataset}' ({raw.Geometry})");
        if (Array.TrueForAll(labels.Data, id => id == 0))
            throw UserInputException.ForFile(path, $"'{labelsDataset}' labels no voxel in sections {firstSlice}..{firstSlice + depth - 1}: nothing to learn or score");
        return new EmVolume(new Preprocessor(AffinityModel.Preprocessing).Run(raw), labels);
    }

    /// <summary>A CREMI file's whole raw volume, normalised for an affinity network (what prediction reads).</summary>
    public static Volume ReadRaw(string path, string rawDataset) =>
        new Preprocessor(AffinityModel.Preprocessing).Run(CremiReader.ReadRaw(path, rawDataset));
}
