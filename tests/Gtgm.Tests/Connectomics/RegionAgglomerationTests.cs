using Gtgm.Connectomics;
using Gtgm.Imaging;

namespace Gtgm.Tests.Connectomics;

public class RegionAgglomerationTests
{
    /// <summary>
    /// A | A | B      fragments on a 1×2×3 grid; edges inside a fragment are 1. Boundaries:
    /// C | C | C      A–B 0.9 (one x edge), A–C 0.3 and 0.3 (two y edges), B–C 0.8 (one y edge).
    /// </summary>
    static (LabelVolume Fragments, Volume Affinities) ThreeRegions()
    {
        var fragments = EmVolumes.Grid(1, 2, 3, 1, 1, 2, 3, 3, 3);
        var affinities = EmVolumes.Affinities(fragments);
        var y = affinities.Channel(1);
        y[3] = 0.3f; y[4] = 0.3f; y[5] = 0.8f;
        var x = affinities.Channel(2);
        x[1] = 1; x[2] = 0.9f; x[4] = 1; x[5] = 1;
        return (fragments, affinities);
    }

    [Fact]
    public void Merged_regions_are_rescored_by_the_mean_over_their_whole_shared_boundary()
    {
        var (fragments, affinities) = ThreeRegions();
        // A and B merge first (0.9); AB–C is then (0.3 + 0.3 + 0.8)/3 ≈ 0.467, below 0.5, although B–C alone was 0.8.
        Assert.Equal(new[] { 1, 1, 1, 2, 2, 2 }, RegionAgglomeration.Agglomerate(fragments, affinities, 0.5).Data);
        Assert.Equal(new[] { 1, 1, 1, 1, 1, 1 }, RegionAgglomeration.Agglomerate(fragments, affinities, 0.45).Data);
        // Single linkage (the highest boundary edge) merges AB with C through the 0.8 edge.
        Assert.Equal(new[] { 1, 1, 1, 1, 1, 1 }, RegionAgglomeration.Agglomerate(fragments, affinities, 0.5, MaxAffinity.Instance).Data);
    }

    [Fact]
    public void Several_thresholds_come_from_one_pass_in_the_order_asked()
    {
        var (fragments, affinities) = ThreeRegions();
        var results = RegionAgglomeration.Agglomerate(fragments, affinities, new[] { 0.5, 0.95, 0.1, 0.85 });
        Assert.Equal(new[] { 1, 1, 1, 2, 2, 2 }, results[0].Data);
        Assert.Equal(new[] { 1, 1, 2, 3, 3, 3 }, results[1].Data);
        Assert.Equal(new[] { 1, 1, 1, 1, 1, 1 }, results[2].Data);
        Assert.Equal(new[] { 1, 1, 1, 2, 2, 2 }, results[3].Data);
    }

    [Fact]
    public void Background_stays_zero_and_ids_are_renumbered_in_order_of_first_voxel()
    {
        var fragments = EmVolumes.Row(7, 7, 0, 4, 4, 9);
        var affinities = EmVolumes.Affinities(fragments, 1);
        affinities.Channel(2)[5] = 0.2f; // 4–9
        Assert.Equal(new[] { 1, 1, 0, 2, 2, 3 }, RegionAgglomeration.Agglomerate(fragments, affinities, 0.5).Data);
        Assert.Equal(new[] { 1, 1, 0, 2, 2, 2 }, RegionAgglomeration.Agglomerate(fragments, affinities, 0.2).Data);
    }

    [Fact]
    public void Fragments_on_another_grid_or_no_threshold_are_refused()
    {
        var (fragments, affinities) = ThreeRegions();
        Assert.Throws<ArgumentException>(() => RegionAgglomeration.Agglomerate(EmVolumes.Row(1, 2), affinities, 0.5));
        Assert.Throws<ArgumentException>(() => RegionAgglomeration.Agglomerate(fragments, affinities, Array.Empty<double>()));
        Assert.Throws<ArgumentException>(() => RegionAgglomeration.Agglomerate(fragments, affinities, double.NaN));
    }
}
