using Gtgm.Imaging;

namespace Gtgm.Connectomics;

/// <summary>
/// Ground-truth nearest-neighbour affinities of a neuron-id volume, the training target of an affinity network
/// (Turaga et al. 2010; CREMI). Channels (z, y, x); in channel c, voxel i's value links i with i − e_c
/// (<see cref="AffinityGraph"/>): 1 where both voxels carry the same non-zero id, else 0. The mask is 1 where the
/// affinity is defined and 0 where either voxel is 0 (boundary / unlabelled: ignored, the CREMI convention) or
/// the neighbour lies outside the volume (the first slice of each axis); there the affinity is also 0.
/// With <see cref="ZeroLabel.Boundary"/> an edge touching a 0 voxel is instead defined (mask 1) with affinity 0:
/// the training target when 0 marks membrane, as in em-fib-gala and <c>EmNeuropilPhantom</c>, where no two
/// neurons touch and ignoring 0 would leave no negative edge to learn from.
/// </summary>
public static class AffinityTargets
{
    /// <summary>Affinities and mask, each a 3-channel (z, y, x) volume on the labels' grid.</summary>
    public static (Volume Affinities, Volume Mask) Compute(LabelVolume labels, ZeroLabel zero = ZeroLabel.Ignore)
    {
        var graph = new AffinityGraph(labels.Depth, labels.Height, labels.Width);
        var affinities = new float[graph.EdgeSlots];
        var mask = new float[graph.EdgeSlots];
        var ids = labels.Data;
        for (int e = 0; e < affinities.Length; e++)
        {
            if (!graph.TryEndpoints(e, out int i, out int j)) continue;
            bool touchesZero = ids[i] == 0 || ids[j] == 0;
            if (touchesZero && zero == ZeroLabel.Ignore) continue;
            mask[e] = 1;
            if (touchesZero) continue;
            if (ids[i] == ids[j]) affinities[e] = 1;
        }
        return (new Volume(labels.Geometry, AffinityGraph.Axes, affinities),
            new Volume(labels.Geometry, AffinityGraph.Axes, mask));
    }
}

/// <summary>What neuron id 0 means for the affinity targets.</summary>
public enum ZeroLabel
{
    /// <summary>Unknown: edges touching 0 are masked out (the CREMI convention for scoring).</summary>
    Ignore,
    /// <summary>Membrane / boundary: edges touching 0 are defined and cut (affinity 0).</summary>
    Boundary,
}
