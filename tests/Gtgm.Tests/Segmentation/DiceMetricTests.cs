using Gtgm.Imaging;
using Gtgm.Segmentation.Metrics;

namespace Gtgm.Tests.Segmentation;

public class DiceMetricTests
{
    internal static LabelVolume Labels(int d, int h, int w, params (int label, int z0, int z1, int y0, int y1, int x0, int x1)[] boxes)
    {
        var labels = new LabelVolume(VolumeGeometry.Axial(d, h, w), new int[d * h * w]);
        foreach (var b in boxes)
            for (int z = b.z0; z < b.z1; z++)
            for (int y = b.y0; y < b.y1; y++)
            for (int x = b.x0; x < b.x1; x++)
                labels[z, y, x] = b.label;
        return labels;
    }

    [Fact]
    public void IdenticalMasksScoreOne()
    {
        var a = Labels(8, 8, 8, (1, 1, 5, 1, 5, 1, 5), (2, 5, 7, 5, 7, 5, 7));
        Assert.Equal(new[] { 1.0, 1.0 }, DiceMetric.PerClass(a, a, 3));
    }

    [Fact]
    public void DisjointMasksScoreZero()
    {
        var a = Labels(8, 8, 8, (1, 0, 4, 0, 4, 0, 4));
        var b = Labels(8, 8, 8, (1, 4, 8, 4, 8, 4, 8));
        Assert.Equal(new[] { 0.0 }, DiceMetric.PerClass(a, b, 2));
    }

    [Fact]
    public void CubesOverlappingByHalfScoreOneHalf()
    {
        // Two 4×4×4 cubes shifted by 2 along x share 4×4×2 = 32 voxels: 2·32 / (64 + 64) = 0.5.
        var a = Labels(8, 8, 8, (1, 0, 4, 0, 4, 0, 4));
        var b = Labels(8, 8, 8, (1, 0, 4, 0, 4, 2, 6));
        Assert.Equal(0.5, DiceMetric.PerClass(a, b, 2)[0], 12);
    }

    [Fact]
    public void UnequalSizesFollowTheFormula()
    {
        // Prediction 2×2×2 = 8 voxels inside truth 4×4×4 = 64: 2·8 / 72.
        var prediction = Labels(8, 8, 8, (1, 0, 2, 0, 2, 0, 2));
        var truth = Labels(8, 8, 8, (1, 0, 4, 0, 4, 0, 4));
        Assert.Equal(16.0 / 72.0, DiceMetric.PerClass(prediction, truth, 2)[0], 12);
    }

    [Fact]
    public void EmptyMaskConventions()
    {
        var nothing = Labels(4, 4, 4);
        var something = Labels(4, 4, 4, (1, 0, 2, 0, 2, 0, 2));
        Assert.Equal(new[] { 1.0 }, DiceMetric.PerClass(nothing, nothing, 2));
        Assert.Equal(new[] { 0.0 }, DiceMetric.PerClass(nothing, something, 2));
        Assert.Equal(new[] { 0.0 }, DiceMetric.PerClass(something, nothing, 2));
    }

    [Fact]
    public void BackgroundIsNotScored()
    {
        // Background agrees almost everywhere; including it would lift the mean well above the class-1 Dice of 0.
        var a = Labels(8, 8, 8, (1, 0, 1, 0, 1, 0, 1));
        var b = Labels(8, 8, 8, (1, 7, 8, 7, 8, 7, 8));
        var dice = DiceMetric.PerClass(a, b, 2);
        Assert.Single(dice);
        Assert.Equal(0.0, dice[0]);
    }

    [Fact]
    public void DifferentGridsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => DiceMetric.PerClass(Labels(4, 4, 4), Labels(4, 4, 5), 2));
    }
}
