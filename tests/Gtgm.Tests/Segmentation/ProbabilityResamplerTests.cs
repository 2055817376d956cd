using Gtgm.Imaging;
using Gtgm.Segmentation.Inference;

namespace Gtgm.Tests.Segmentation;

public class ProbabilityResamplerTests
{
    [Fact]
    public void MapsThroughWorldCoordinatesWithInterpolationAndBackgroundOutside()
    {
        // Network grid: 1×1×2 voxels at 2 mm along x, origin at world x = 10. Source grid: 1×1×6 voxels at 1 mm, origin 9.
        // Source voxel x sits at world 9 + x, i.e. at network index (x − 1) / 2: −0.5, 0, 0.5, 1, 1.5, 2.
        var net = new VolumeGeometry(1, 1, 2, new double[] { 2, 0, 0, 10, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 });
        var source = new VolumeGeometry(1, 1, 6, new double[] { 1, 0, 0, 9, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 });
        float[] probabilities = { 0.9f, 0.1f, 0.1f, 0.9f };  // class 0 then class 1, per network voxel
        var result = ProbabilityResampler.ToGrid(probabilities, 2, net, source);
        // −0.5 and 1.5 are on the grid's edge (clamped to the end voxels); 0.5 interpolates; 2 lies beyond the
        // half-voxel margin: background.
        Assert.Equal(new[] { 0.9f, 0.9f, 0.5f, 0.1f, 0.1f, 1f }, result[..6], new Tolerance());
        Assert.Equal(new[] { 0.1f, 0.1f, 0.5f, 0.9f, 0.9f, 0f }, result[6..], new Tolerance());
        Assert.Equal(new[] { 0, 0, 0, 1, 1, 0 }, ProbabilityResampler.Argmax(result, 2));
    }

    sealed class Tolerance : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) < 1e-6;
        public int GetHashCode(float v) => 0;
    }
}
