using Gtgm.Imaging;
using Gtgm.Segmentation.Metrics;

namespace Gtgm.Tests.Segmentation;

public class HausdorffDistance95Tests
{
    static bool[] Mask(int[] shape, params (int z, int y, int x)[] voxels)
    {
        var m = new bool[shape[0] * shape[1] * shape[2]];
        foreach (var (z, y, x) in voxels) m[(z * shape[1] + y) * shape[2] + x] = true;
        return m;
    }

    [Fact]
    public void IdenticalMasksAreZeroApart()
    {
        var a = DiceMetricTests.Labels(8, 8, 8, (1, 2, 6, 2, 6, 2, 6));
        Assert.Equal(0.0, HausdorffDistance95.PerClass(a, a, 2)[0]);
    }

    [Fact]
    public void SingleVoxelsUseTheAnisotropicSpacing()
    {
        int[] shape = { 6, 6, 6 };
        double[] spacing = { 3.0, 1.0, 0.5 };
        // Shift 2 along z at 3 mm: 6 mm.
        Assert.Equal(6.0, HausdorffDistance95.Compute(Mask(shape, (1, 2, 2)), Mask(shape, (3, 2, 2)), shape, spacing), 9);
        // Shift (1, 2, 4) voxels: sqrt(3² + 2² + 2²) = sqrt(17) mm.
        Assert.Equal(Math.Sqrt(17), HausdorffDistance95.Compute(Mask(shape, (1, 1, 1)), Mask(shape, (2, 3, 5)), shape, spacing), 9);
    }

    [Fact]
    public void ShiftedCubesAreTheShiftApart()
    {
        // Two 4×4×4 cubes (y 2..5 and 5..8) at 2 mm along y. Every surface voxel of B lies at y >= 5, so A's 56
        // surface voxels are, layer by layer: y=2: 16 at 3 voxels = 6 mm; y=3: 12 (the ring) at 4 mm; y=4: 12 at
        // 2 mm; y=5: 16 on B's face, 0 mm. Sorted, ranks 40..55 are 6 mm and 0.95·55 = 52.25 falls among them,
        // so P95 = 6 mm; B→A is the mirror image.
        var a = DiceMetricTests.Labels(12, 12, 12, (1, 2, 6, 2, 6, 2, 6));
        var b = DiceMetricTests.Labels(12, 12, 12, (1, 2, 6, 5, 9, 2, 6));
        var geometry = VolumeGeometry.Axial(12, 12, 12, 1.0, 2.0, 1.0);
        var pa = new LabelVolume(geometry, a.Data);
        var pb = new LabelVolume(geometry, b.Data);
        Assert.Equal(6.0, HausdorffDistance95.PerClass(pa, pb, 2)[0], 9);
    }

    [Fact]
    public void NinetyFifthPercentileIgnoresTheFarthestFewPoints()
    {
        // A: a line of 21 voxels along x (all surface); B: its first voxel. d(A→B) = 0, 1, ..., 20 voxels;
        // NumPy's linear 95th percentile of those is rank 0.95·20 = 19; d(B→A) = 0. HD95 = 19 (the full HD is 20).
        int[] shape = { 3, 3, 23 };
        var line = Enumerable.Range(1, 21).Select(x => (1, 1, x)).ToArray();
        double hd95 = HausdorffDistance95.Compute(Mask(shape, line), Mask(shape, (1, 1, 1)), shape, new[] { 1.0, 1.0, 1.0 });
        Assert.Equal(19.0, hd95, 9);
    }

    [Fact]
    public void EmptyMaskConventions()
    {
        int[] shape = { 4, 4, 4 };
        double[] spacing = { 1.0, 1.0, 1.0 };
        var empty = Mask(shape);
        var one = Mask(shape, (1, 1, 1));
        Assert.Equal(0.0, HausdorffDistance95.Compute(empty, empty, shape, spacing));
        Assert.True(double.IsNaN(HausdorffDistance95.Compute(empty, one, shape, spacing)));
        Assert.True(double.IsNaN(HausdorffDistance95.Compute(one, empty, shape, spacing)));
    }

    [Fact]
    public void SurfaceOfASolidCubeExcludesItsInterior()
    {
        int[] shape = { 6, 6, 6 };
        var cube = new bool[216];
        for (int z = 1; z < 5; z++) for (int y = 1; y < 5; y++) for (int x = 1; x < 5; x++) cube[(z * 6 + y) * 6 + x] = true;
        // 4³ = 64 voxels, of which the 2³ = 8 interior ones are not on the surface.
        Assert.Equal(56, HausdorffDistance95.Surface(cube, shape).Count(s => s));
    }

    [Fact]
    public void DistanceTransformMatchesBruteForce()
    {
        int[] shape = { 5, 7, 6 };
        double[] spacing = { 2.5, 0.7, 1.3 };
        var random = new Random(11);
        var sites = new bool[5 * 7 * 6];
        for (int i = 0; i < sites.Length; i++) sites[i] = random.NextDouble() < 0.05;
        sites[17] = true;
        var fast = EuclideanDistanceTransform.SquaredDistanceToNearest(sites, shape, spacing);
        for (int i = 0; i < sites.Length; i++)
        {
            int z = i / 42, y = i / 6 % 7, x = i % 6;
            double best = double.PositiveInfinity;
            for (int j = 0; j < sites.Length; j++)
            {
                if (!sites[j]) continue;
                double dz = (j / 42 - z) * spacing[0], dy = (j / 6 % 7 - y) * spacing[1], dx = (j % 6 - x) * spacing[2];
                best = Math.Min(best, dz * dz + dy * dy + dx * dx);
            }
            Assert.Equal(best, fast[i], 9);
        }
    }
}
