using Gtgm.Imaging;

namespace Gtgm.Connectomics.Training;

/// <summary>
/// A baseline without learning: the affinity of an edge is the darker of its two voxels' normalised raw
/// intensities (<see cref="AffinityModel.Preprocessing"/>, min-max to 0..1), since stained membranes are the darkest
/// structures in EM. What a trained affinity network has to beat.
/// </summary>
public static class RawIntensityAffinities
{
    /// <summary>[3, D, H, W] affinities of a preprocessed one-channel volume; edges leaving the volume are 0.</summary>
    public static Volume Compute(Volume preprocessed)
    {
        if (preprocessed.Channels != 1) throw new ArgumentException($"Expected one raw channel, got {preprocessed.Channels}.");
        var graph = new AffinityGraph(preprocessed.Depth, preprocessed.Height, preprocessed.Width);
        var raw = preprocessed.Data;
        var affinities = new float[graph.EdgeSlots];
        for (int e = 0; e < affinities.Length; e++)
            if (graph.TryEndpoints(e, out int i, out int j)) affinities[e] = Math.Min(raw[i], raw[j]);
        return new Volume(preprocessed.Geometry, AffinityGraph.Axes, affinities, Modality.EM);
    }
}
