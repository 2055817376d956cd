using Gtgm.Imaging;
using Gtgm.Platform;
using Gtgm.Transforms.Augmentation;

namespace Gtgm.Tests.Transforms;

public class AugmentationTests
{
    static Volume IndexVolume(int d, int h, int w) =>
        new(VolumeGeometry.Axial(d, h, w), 1, Enumerable.Range(0, d * h * w).Select(i => (float)i).ToArray());

    [Fact]
    public void GaussianKernelMatchesTheFormula()
    {
        // σ = 1, radius 3: exp(−t²/2) = 1, 0.606531, 0.135335, 0.011109; sum 2.505950.
        var k = GaussianBlur.Kernel(1);
        Assert.Equal(7, k.Length);
        Assert.Equal(1 / 2.505950, k[3], 5);
        Assert.Equal(0.606531 / 2.505950, k[2], 5);
        Assert.Equal(0.011109 / 2.505950, k[0], 5);
    }

    [Fact]
    public void BlurKeepsConstantsAndMassAndIsSymmetric()
    {
        var constant = Enumerable.Repeat(5f, 6 * 7 * 8).ToArray();
        GaussianBlur.Apply(constant, (6, 7, 8), 1, 1, 1);
        Assert.All(constant, v => Assert.Equal(5, v, 4));

        var impulse = new float[9 * 9 * 9];
        impulse[(4 * 9 + 4) * 9 + 4] = 1;
        GaussianBlur.Apply(impulse, (9, 9, 9), 0.8, 0.8, 0.8);
        Assert.Equal(1, impulse.Sum(), 4);
        Assert.Equal(impulse[(4 * 9 + 4) * 9 + 3], impulse[(4 * 9 + 4) * 9 + 5], 6);
        Assert.Equal(impulse[(3 * 9 + 4) * 9 + 4], impulse[(4 * 9 + 4) * 9 + 3], 6);
        float centre = GaussianBlur.Kernel(0.8)[3];
        Assert.Equal(centre * centre * centre, impulse[(4 * 9 + 4) * 9 + 4], 5);
    }

    [Fact]
    public void NoiseHasTheRequestedStandardDeviation()
    {
        var data = new float[200_000];
        RandomGaussianNoise.AddNoise(data, 2, new Random(1));
        double mean = data.Average(v => (double)v), std = Math.Sqrt(data.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(std, 1.98, 2.02);
    }

    [Fact]
    public void ScaleShiftIsAffineInTheIntensity()
    {
        var patch = new Patch(new float[] { 0, 1, 2 }, 1, 1, 1, 3);
        new RandomScaleShift(0.1f, 0.2f).Apply(patch, new Random(3));
        var r = new Random(3);
        float factor = 1 + 0.1f * (float)(2 * r.NextDouble() - 1), offset = 0.2f * (float)(2 * r.NextDouble() - 1);
        Assert.Equal(new[] { offset, factor + offset, 2 * factor + offset }, patch.Image);
    }

    [Fact]
    public void ZoomByTwoMagnifiesAboutTheCentre()
    {
        // v = x on 5 columns, centre 2: output o samples 2 + (o − 2)/2 = 1, 1.5, 2, 2.5, 3.
        var patch = new Patch(new float[] { 0, 1, 2, 3, 4 }, 1, 1, 1, 5, new[] { 0, 1, 2, 3, 4 });
        var zoomed = RandomZoom.Zoom(patch, 2);
        Assert.Equal(new float[] { 1, 1.5f, 2, 2.5f, 3 }, zoomed.Image);
        Assert.Equal(new[] { 1, 2, 2, 3, 3 }, zoomed.Labels); // nearest, halves rounded away from zero
        Assert.Equal(patch.Image, RandomZoom.Zoom(patch, 1).Image);
    }

    [Fact]
    public void FlipsMoveLabelsWithTheImage()
    {
        var patch = new Patch(new float[] { 0, 1, 2, 3 }, 1, 1, 2, 2, new[] { 10, 11, 12, 13 });
        var flip = new RandomFlip(probability: 1, z: false, y: true, x: false);
        var flipped = flip.Apply(patch, new Random(0));
        Assert.Equal(new float[] { 2, 3, 0, 1 }, flipped.Image);
        Assert.Equal(new[] { 12, 13, 10, 11 }, flipped.Labels);
    }

    [Fact]
    public void Rot90DrawsAllEightAxialSymmetries()
    {
        var patch = new Patch(Enumerable.Range(0, 9).Select(i => (float)i).ToArray(), 1, 1, 3, 3);
        var rot = new RandomRot90();
        var rng = new Random(5);
        var seen = new HashSet<string>();
        for (int i = 0; i < 200; i++) seen.Add(string.Join(",", rot.Apply(patch, rng).Image));
        Assert.Equal(8, seen.Count);
    }

    [Fact]
    public void UniformCropCopiesTheRegionAtItsStart()
    {
        var v = IndexVolume(6, 7, 8);
        var crop = new UniformCrop((2, 3, 4));
        var rng = new Random(2);
        for (int i = 0; i < 20; i++)
        {
            var p = crop.Sample(v, null, rng);
            float first = p.Image[0];
            int z = (int)first / 56, y = (int)first / 8 % 7, x = (int)first % 8;
            Assert.InRange(z, 0, 4); Assert.InRange(y, 0, 4); Assert.InRange(x, 0, 4);
            Assert.Equal(v[0, z + 1, y + 2, x + 3], p.Image[^1]);
        }
    }

    [Fact]
    public void CropOfASmallVolumeIsCentredAndZeroPadded()
    {
        var v = IndexVolume(1, 1, 2);
        var p = new UniformCrop((1, 1, 4)).Sample(v, null, new Random(0));
        Assert.Equal(new float[] { 0, 0, 1, 0 }, p.Image);
    }

    [Fact]
    public void LabelBalancedCropCentresOnForegroundWithTheGivenRatio()
    {
        // 20³ volume with a 4³ foreground cube in the middle (64 of 8000 voxels); pos:neg = 1:3.
        var g = VolumeGeometry.Axial(20, 20, 20);
        var labels = new LabelVolume(g, new int[8000]);
        for (int z = 8; z < 12; z++) for (int y = 8; y < 12; y++) for (int x = 8; x < 12; x++) labels[z, y, x] = 2;
        var image = new Volume(g, 1, new float[8000]);
        var crop = new LabelBalancedCrop((6, 6, 6), positive: 1, negative: 3);
        var rng = Rng.Stream(7, "test");
        int onForeground = 0, draws = 4000;
        for (int i = 0; i < draws; i++)
        {
            var c = crop.Centre(labels, rng);
            if (labels[c.Z, c.Y, c.X] > 0) onForeground++;
        }
        Assert.InRange(onForeground / (double)draws, 0.23, 0.27);

        var positiveOnly = new LabelBalancedCrop((6, 6, 6), positive: 1, negative: 0);
        for (int i = 0; i < 50; i++)
        {
            var p = positiveOnly.Sample(image, labels, rng);
            Assert.Equal(2, p.Labels![(3 * 6 + 3) * 6 + 3]); // the patch centre (index p/2) is foreground
        }
    }

    [Fact]
    public void TwoViewsShareFlipsAndDifferByTheirPerturbation()
    {
        var v = IndexVolume(10, 12, 14);
        var same = new TwoViewSampler((4, 4, 4), flipProbability: 0.5, perturbation: new Compose());
        var rng = Rng.Stream(1, "views");
        bool sawFlip = false;
        for (int i = 0; i < 20; i++)
        {
            var views = same.Sample(v, rng);
            Assert.Equal(views.View1, views.View2);
            Assert.Equal(64, views.View1.Length);
            // Unflipped, x grows by 1 along a row; a flip of x makes it fall.
            sawFlip |= views.View1[1] - views.View1[0] == -1;
        }
        Assert.True(sawFlip);

        var sampler = new TwoViewSampler((4, 4, 4));
        var a = sampler.Sample(v, Rng.Stream(3, "views"));
        var b = sampler.Sample(v, Rng.Stream(3, "views"));
        Assert.Equal(a.View1, b.View1);
        Assert.Equal(a.View2, b.View2);
        Assert.NotEqual(a.View1, a.View2);
    }
}
