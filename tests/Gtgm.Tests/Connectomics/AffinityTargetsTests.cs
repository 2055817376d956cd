using Gtgm.Connectomics;

namespace Gtgm.Tests.Connectomics;

public class AffinityTargetsTests
{
    [Fact]
    public void A_2x2x3_volume_gives_the_affinities_and_mask_worked_out_by_hand()
    {
        // z = 0:  1 1 2     z = 1:  1 2 2
        //         1 0 2             3 3 2
        var labels = EmVolumes.Grid(2, 2, 3,
            1, 1, 2, 1, 0, 2,
            1, 2, 2, 3, 3, 2);
        var (affinities, mask) = AffinityTargets.Compute(labels);
        Assert.Equal(3, affinities.Channels);
        Assert.True(affinities.Geometry.SameGrid(labels.Geometry));
        // Channel z links (1, y, x) with (0, y, x); slice z = 0 has no neighbour before it.
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 0, /**/ 1, 0, 1, 0, 0, 1 }, affinities.Channel(0).ToArray());
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 0, /**/ 1, 1, 1, 1, 0, 1 }, mask.Channel(0).ToArray());
        // Channel y links (z, 1, x) with (z, 0, x).
        Assert.Equal(new float[] { 0, 0, 0, 1, 0, 1, /**/ 0, 0, 0, 0, 0, 1 }, affinities.Channel(1).ToArray());
        Assert.Equal(new float[] { 0, 0, 0, 1, 0, 1, /**/ 0, 0, 0, 1, 1, 1 }, mask.Channel(1).ToArray());
        // Channel x links (z, y, x) with (z, y, x - 1).
        Assert.Equal(new float[] { 0, 1, 0, 0, 0, 0, /**/ 0, 0, 1, 0, 1, 0 }, affinities.Channel(2).ToArray());
        Assert.Equal(new float[] { 0, 1, 1, 0, 0, 0, /**/ 0, 1, 1, 0, 1, 1 }, mask.Channel(2).ToArray());
    }

    [Fact]
    public void Affinity_graph_edges_link_each_voxel_with_the_one_before_it_on_the_edge_axis()
    {
        var graph = new AffinityGraph(2, 2, 3);
        Assert.Equal(36, graph.EdgeSlots);
        Assert.True(graph.TryEndpoints(0 * 12 + 10, out int i, out int j));
        Assert.Equal((10, 4), (i, j)); // z: (1, 1, 1) – (0, 1, 1)
        Assert.True(graph.TryEndpoints(1 * 12 + 4, out i, out j));
        Assert.Equal((4, 1), (i, j)); // y: (0, 1, 1) – (0, 0, 1)
        Assert.True(graph.TryEndpoints(2 * 12 + 5, out i, out j));
        Assert.Equal((5, 4), (i, j)); // x: (0, 1, 2) – (0, 1, 1)
        Assert.False(graph.TryEndpoints(0 * 12 + 5, out _, out _)); // z = 0
        Assert.False(graph.TryEndpoints(1 * 12 + 8, out _, out _)); // y = 0
        Assert.False(graph.TryEndpoints(2 * 12 + 9, out _, out _)); // x = 0
    }
}
