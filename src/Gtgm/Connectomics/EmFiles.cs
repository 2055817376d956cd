using Gtgm.Imaging;
using Gtgm.Imaging.Hdf5;

namespace Gtgm.Connectomics;

/// <summary>
/// The HDF5 files of the EM pipeline: [3, D, H, W] float32 affinities (default <see cref="CremiFile.Affinities"/>)
/// and CREMI neuron ids (uint64 <see cref="CremiFile.NeuronIds"/>), each with its <c>resolution</c> in nm.
/// Bad input is a <see cref="UserInputException"/> that names the file.
/// </summary>
public static class EmFiles
{
    public static Volume ReadAffinities(string path, string dataset = CremiFile.Affinities)
    {
        var affinities = CremiReader.ReadChannels(path, dataset);
        string? problem = AffinityGraph.Problem(affinities);
        if (problem != null) throw UserInputException.ForFile(path, $"dataset '{dataset}': {problem}");
        return affinities;
    }

    public static void WriteAffinities(string path, Volume affinities, string dataset = CremiFile.Affinities) =>
        CremiWriter.WriteChannels(path, affinities, dataset);

    /// <summary>Scores a neuron-id file against a ground-truth one; they must share their grid and the truth must label something.</summary>
    public static EmSegmentationScore Score(string predictionPath, string truthPath,
        string predictionDataset = CremiFile.NeuronIds, string truthDataset = CremiFile.NeuronIds)
    {
        var truth = CremiReader.ReadLabels(truthPath, truthDataset);
        var prediction = CremiReader.ReadLabels(predictionPath, predictionDataset);
        GridCheck.RequireSameGridAsTruth(truthPath, truth, predictionPath, prediction);
        if (Array.TrueForAll(truth.Data, t => t == 0))
            throw UserInputException.ForFile(truthPath, $"'{truthDataset}' labels no voxel (all 0, the ignore label): nothing to score");
        return EmSegmentationScore.Compute(prediction, truth);
    }
}
