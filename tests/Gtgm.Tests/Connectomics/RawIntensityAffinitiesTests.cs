using Gtgm.Connectomics.Training;
using Gtgm.Imaging;

namespace Gtgm.Tests.Connectomics;

public class RawIntensityAffinitiesTests
{
    [Fact]
    public void Raw_intensity_baseline_takes_the_darker_voxel_of_each_edge()
    {
        var raw = new Volume(VolumeGeometry.Axial(1, 1, 4), 1, new[] { 0f, 0.5f, 1f, 0.2f });
        var affinities = RawIntensityAffinities.Compute(raw);
        Assert.Equal(new float[] { 0, 0, 0.5f, 0.2f }, affinities.Data[8..]);
        Assert.All(affinities.Data[..8], a => Assert.Equal(0, a));
    }
}
