using Gtgm.Connectomics;

namespace Gtgm.Tests.Connectomics;

public class AffinityWatershedTests
{
    /// <summary>A row of voxels whose x-affinities (edge k links voxels k − 1 and k) are given; the x = 0 slot has no edge.</summary>
    static Gtgm.Imaging.Volume RowAffinities(params float[] xEdges)
    {
        var row = EmVolumes.Row(new int[xEdges.Length + 1]);
        var affinities = EmVolumes.Affinities(row);
        xEdges.CopyTo(affinities.Channel(2)[1..]);
        return affinities;
    }

    [Fact]
    public void A_voxel_between_two_maxima_joins_the_one_its_stronger_edge_rises_to()
    {
        // Edges 0.9 (0–1) and 0.8 (3–4) are two maxima; voxel 2 rises to 3 by 0.7, not to 1 by 0.6.
        var fragments = AffinityWatershed.Fragments(RowAffinities(0.9f, 0.6f, 0.7f, 0.8f), low: 0.1f, high: 0.95f);
        Assert.Equal(new[] { 1, 1, 2, 2, 2 }, fragments.Data);
    }

    [Fact]
    public void High_edges_join_basins_and_low_edges_are_never_followed()
    {
        var affinities = RowAffinities(0.9f, 0.6f, 0.7f, 0.8f);
        Assert.Equal(new[] { 1, 1, 1, 1, 1 }, AffinityWatershed.Fragments(affinities, low: 0.1f, high: 0.6f).Data);
        Assert.Equal(new[] { 1, 1, 0, 2, 2 }, AffinityWatershed.Fragments(affinities, low: 0.75f, high: 0.95f).Data);
    }

    [Fact]
    public void A_slope_without_a_second_maximum_is_one_basin()
    {
        Assert.Equal(new[] { 1, 1, 1, 1, 1 }, AffinityWatershed.Fragments(RowAffinities(0.9f, 0.7f, 0.5f, 0.3f), 0.1f, 0.95f).Data);
    }

    [Fact]
    public void Perfect_affinities_give_one_fragment_per_connected_object_and_zero_on_boundaries()
    {
        // z = 0:  1 1 0 2      z = 1:  1 0 0 2
        //         3 3 0 2              3 3 0 2
        var labels = EmVolumes.Grid(2, 2, 4,
            1, 1, 0, 2, 3, 3, 0, 2,
            1, 0, 0, 2, 3, 3, 0, 2);
        var fragments = AffinityWatershed.Fragments(AffinityTargets.Compute(labels).Affinities);
        Assert.Equal(new[] { 1, 1, 0, 2, 3, 3, 0, 2, 1, 0, 0, 2, 3, 3, 0, 2 }, fragments.Data);
    }

    [Fact]
    public void Bad_thresholds_and_affinities_are_refused()
    {
        var affinities = RowAffinities(0.5f);
        Assert.Throws<ArgumentException>(() => AffinityWatershed.Fragments(affinities, low: 0.6f, high: 0.5f));
        Assert.Throws<ArgumentException>(() => AffinityWatershed.Fragments(affinities, low: -0.1f));
        affinities.Data[0] = float.NaN;
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => AffinityWatershed.Fragments(affinities)).Message);
        var twoChannels = new Gtgm.Imaging.Volume(affinities.Geometry, 2, new float[4]);
        Assert.Contains("3 channels", Assert.Throws<ArgumentException>(() => AffinityWatershed.Fragments(twoChannels)).Message);
    }
}
