using Gtgm.Imaging;
using Gtgm.Transforms;

namespace Gtgm.Tests.Transforms;

public class AxisReorderTests
{
    static float[] Index(int n) => Enumerable.Range(0, n).Select(i => (float)i).ToArray();

    [Fact]
    public void FlipXOfA2x2x2IndexVolumeMovesTheOriginToTheLastColumn()
    {
        var g = new VolumeGeometry(2, 2, 2, new double[] { 1.5, 0, 0, 10, 0, 2, 0, 20, 0, 0, 3, 30, 0, 0, 0, 1 });
        var flipped = AxisReorder.Flips(false, false, true).Apply(new Volume(g, 1, Index(8)));
        Assert.Equal(new float[] { 1, 0, 3, 2, 5, 4, 7, 6 }, flipped.Data);
        // Output x = 0 is input x = 1, at world x 10 + 1.5; stepping +1 in output x goes −1.5 in world x.
        Assert.Equal(new double[] { -1.5, 0, 0, 11.5, 0, 2, 0, 20, 0, 0, 3, 30, 0, 0, 0, 1 }, flipped.Geometry.Affine);
    }

    [Fact]
    public void FlipZOfA2x2x2IndexVolume()
    {
        var g = VolumeGeometry.Axial(2, 2, 2, 3, 2, 1);
        var flipped = AxisReorder.Flips(true, false, false).Apply(new Volume(g, 1, Index(8)));
        Assert.Equal(new float[] { 4, 5, 6, 7, 0, 1, 2, 3 }, flipped.Data);
        Assert.Equal(-3, flipped.Geometry.Affine[10]);
        Assert.Equal(3, flipped.Geometry.Affine[11]);
    }

    [Fact]
    public void Rot90MatchesNumpyRot90OnTheAxialPlane()
    {
        // a = [[0, 1, 2], [3, 4, 5]] (one slice, 2 rows, 3 columns); numpy.rot90(a) = [[2, 5], [1, 4], [0, 3]].
        var a = Index(6);
        Assert.Equal(new float[] { 2, 5, 1, 4, 0, 3 }, AxisReorder.Rot90Axial(1).Apply<float>(a, 1, 1, 2, 3));
        Assert.Equal(new float[] { 5, 4, 3, 2, 1, 0 }, AxisReorder.Rot90Axial(2).Apply<float>(a, 1, 1, 2, 3));
        Assert.Equal(new float[] { 3, 0, 4, 1, 5, 2 }, AxisReorder.Rot90Axial(3).Apply<float>(a, 1, 1, 2, 3));
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, AxisReorder.TransposeXY.Apply<float>(a, 1, 1, 2, 3));
        Assert.Equal((1, 3, 2), AxisReorder.Rot90Axial(1).OutputShape(1, 2, 3));
    }

    [Fact]
    public void ThenComposesReorderings()
    {
        var a = Index(24);
        var twice = AxisReorder.Rot90Axial(1).Then(AxisReorder.Rot90Axial(1));
        Assert.Equal(AxisReorder.Rot90Axial(2), twice);
        var mixed = AxisReorder.TransposeXY.Then(AxisReorder.Flips(true, false, true));
        var stepwise = AxisReorder.Flips(true, false, true).Apply<float>(AxisReorder.TransposeXY.Apply<float>(a, 1, 2, 3, 4), 1, 2, 4, 3);
        Assert.Equal(stepwise, mixed.Apply<float>(a, 1, 2, 3, 4));
    }

    [Fact]
    public void Rot90AffineKeepsEveryVoxelAtItsWorldPosition()
    {
        var g = new VolumeGeometry(2, 3, 4, new double[] { 0.8, 0.1, 0, -5, 0.2, 1.2, 0, 7, 0, 0, 2.5, 1, 0, 0, 0, 1 });
        var v = new Volume(g, 1, Index(24));
        foreach (var reorder in new[] { AxisReorder.Rot90Axial(1), AxisReorder.Rot90Axial(3), AxisReorder.TransposeXY.Then(AxisReorder.Flips(true, true, false)) })
        {
            var r = reorder.Apply(v);
            for (int z = 0; z < r.Depth; z++)
                for (int y = 0; y < r.Height; y++)
                    for (int x = 0; x < r.Width; x++)
                    {
                        int source = (int)r[0, z, y, x];
                        var expected = World(g.Affine, source % 4, source / 4 % 3, source / 12);
                        var actual = World(r.Geometry.Affine, x, y, z);
                        for (int k = 0; k < 3; k++) Assert.Equal(expected[k], actual[k], 9);
                    }
        }
    }

    internal static double[] World(double[] a, double x, double y, double z) => new[]
    {
        a[0] * x + a[1] * y + a[2] * z + a[3], a[4] * x + a[5] * y + a[6] * z + a[7], a[8] * x + a[9] * y + a[10] * z + a[11],
    };
}
