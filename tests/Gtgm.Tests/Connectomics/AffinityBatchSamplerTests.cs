using Gtgm.Connectomics;
using Gtgm.Connectomics.Training;
using Gtgm.Imaging;

namespace Gtgm.Tests.Connectomics;

public class AffinityBatchSamplerTests
{
    [Fact]
    public void Zero_as_boundary_defines_the_edges_touching_it_as_cut()
    {
        var labels = new LabelVolume(VolumeGeometry.Axial(1, 1, 4), new[] { 1, 1, 0, 2 });
        var (ignoreAff, ignoreMask) = AffinityTargets.Compute(labels);
        var (aff, mask) = AffinityTargets.Compute(labels, ZeroLabel.Boundary);
        // x channel (the last 4 values): edge i links voxel i with voxel i − 1.
        Assert.Equal(new float[] { 0, 1, 0, 0 }, aff.Data[8..]);
        Assert.Equal(new float[] { 0, 1, 1, 1 }, mask.Data[8..]);
        Assert.Equal(new float[] { 0, 1, 0, 0 }, ignoreAff.Data[8..]);
        Assert.Equal(new float[] { 0, 1, 0, 0 }, ignoreMask.Data[8..]);
        Assert.All(mask.Data[..8], m => Assert.Equal(0, m)); // z and y: no neighbour inside a 1 × 1 × 4 volume
    }

    [Fact]
    public void Flipped_and_transposed_patches_keep_raw_labels_and_target_affinities_consistent()
    {
        // Raw = neuron id, so each patch's targets can be recomputed from its (augmented) raw alone.
        var geometry = VolumeGeometry.Axial(4, 8, 8);
        var rng = new Random(3);
        var ids = Enumerable.Range(0, 4 * 8 * 8).Select(i => (i % 8 + 2 * (i / 8 % 8)) % 5).ToArray();
        var volume = new EmVolume(new Volume(geometry, 1, ids.Select(i => (float)i).ToArray()), new LabelVolume(geometry, ids));
        var sampler = new AffinityBatchSampler((2, 4, 4), ZeroLabel.Boundary);
        for (int draw = 0; draw < 20; draw++)
        {
            var batch = sampler.Sample(volume, 2, rng);
            for (int b = 0; b < 2; b++)
            {
                var raw = batch.Raw.Skip(b * 32).Take(32).Select(v => (int)v).ToArray();
                var (aff, mask) = AffinityTargets.Compute(new LabelVolume(VolumeGeometry.Axial(2, 4, 4), raw), ZeroLabel.Boundary);
                Assert.Equal(aff.Data, batch.Affinities.Skip(b * 96).Take(96));
                Assert.Equal(mask.Data, batch.Mask.Skip(b * 96).Take(96));
            }
        }
    }
}
