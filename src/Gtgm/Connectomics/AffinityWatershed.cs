using Gtgm.Imaging;

namespace Gtgm.Connectomics;

/// <summary>
/// Fragments (an over-segmentation) from nearest-neighbour affinities: a watershed on the affinity graph,
/// computed as a maximum spanning forest rooted in the graph's regional maxima (the "watershed cut" of Cousty,
/// Bertrand, Najman &amp; Couprie 2009, "Watershed cuts: minimum spanning forests and the drop of water
/// principle", IEEE TPAMI 31(8)), with the two affinity thresholds of Zlateski &amp; Seung 2015 ("Image
/// segmentation by size-dependent single linkage clustering of a watershed basin graph", arXiv:1505.00249), as
/// zwatershed and waterz use them.
/// <list type="bullet">
/// <item>Edges with affinity below <c>low</c> are never followed: a voxel whose every edge is below it stays 0
/// (background). On ground-truth affinities that is exactly the boundary (id 0) voxels.</item>
/// <item>Edges at or above <c>high</c> always join their voxels, even two basins.</item>
/// <item>Between them, edges are taken from the highest affinity down (Kruskal): an edge joins two
/// components unless both already hold a basin. Edges of one affinity value are taken together, as one level;
/// a component that this level built or grew, and that held no basin, is a regional maximum (a plateau no higher
/// edge leaves) and becomes a basin when the level ends. A plateau touching several basins is shared between
/// them in edge order (axis z, y, x, then voxel index) rather than by distance.</item>
/// </list>
/// Deterministic: ties are broken by edge index, and fragment ids 1..F are numbered in order of each
/// fragment's first voxel (x fastest).
/// </summary>
public static class AffinityWatershed
{
    /// <summary>zwatershed's and waterz's defaults.</summary>
    public const float DefaultLow = 0.0001f, DefaultHigh = 0.9999f;

    /// <summary>Fragment ids on the affinities' grid; 0 where a voxel has no edge at or above <paramref name="low"/>.</summary>
    public static LabelVolume Fragments(Volume affinities, float low = DefaultLow, float high = DefaultHigh)
    {
        if (!(low >= 0 && low <= high))
            throw new ArgumentException($"Watershed thresholds need 0 ≤ low ≤ high; got low {low}, high {high}.");
        var graph = AffinityGraph.Of(affinities);
        var aff = affinities.Data;

        // Sort key: affinity descending (bit patterns of non-negative floats order as the floats do), then edge index.
        var keys = new List<long>();
        for (int e = 0; e < aff.Length; e++)
            if (aff[e] >= low && graph.TryEndpoints(e, out _, out _))
                keys.Add(((long)(int.MaxValue - BitConverter.SingleToInt32Bits(Math.Max(aff[e], 0f))) << 32) | (uint)e);
        var sorted = keys.ToArray();
        Array.Sort(sorted);

        var sets = new DisjointSets(graph.Voxels);
        var basin = new bool[graph.Voxels];
        for (int start = 0, end; start < sorted.Length; start = end)
        {
            long level = sorted[start] >> 32;
            bool always = aff[(int)(sorted[start] & uint.MaxValue)] >= high;
            for (end = start; end < sorted.Length && sorted[end] >> 32 == level; end++)
            {
                graph.TryEndpoints((int)(sorted[end] & uint.MaxValue), out int i, out int j);
                int a = sets.Find(i), b = sets.Find(j);
                if (a == b || (!always && basin[a] && basin[b])) continue;
                bool either = basin[a] || basin[b];
                basin[sets.UnionRoots(a, b)] = either;
            }
            for (int k = start; k < end; k++)
            {
                graph.TryEndpoints((int)(sorted[k] & uint.MaxValue), out int i, out _);
                basin[sets.Find(i)] = true;
            }
        }

        var ids = new int[graph.Voxels];
        for (int v = 0; v < ids.Length; v++)
        {
            int root = sets.Find(v);
            if (sets.SizeOfRoot(root) > 1) ids[v] = root + 1;
        }
        LabelNumbering.ByFirstVoxel(ids);
        return new LabelVolume(affinities.Geometry, ids);
    }
}
