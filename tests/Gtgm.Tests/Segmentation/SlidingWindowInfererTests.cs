using Gtgm.Segmentation.Inference;
using static TorchSharp.torch;

namespace Gtgm.Tests.Segmentation;

public class SlidingWindowInfererTests
{
    [Fact]
    public void WindowStartsSitFlushWithBothBordersAndOverlapAsAsked()
    {
        Assert.Equal(new[] { 0 }, SlidingWindowInferer.Starts(8, 8, 0.5));
        Assert.Equal(new[] { 0 }, SlidingWindowInferer.Starts(5, 8, 0.5));
        // (100 − 32) / 16 = 4.25 → 5 steps, 6 windows spaced 68/5 = 13.6 apart.
        Assert.Equal(new[] { 0, 14, 27, 41, 54, 68 }, SlidingWindowInferer.Starts(100, 32, 0.5));
        // No overlap: (64 − 32) / 32 = 1 step.
        Assert.Equal(new[] { 0, 32 }, SlidingWindowInferer.Starts(64, 32, 0));
    }

    [Fact]
    public void GaussianImportancePeaksAtOneAndUsesSigmaOfAnEighthWindow()
    {
        using var g = SlidingWindowInferer.GaussianImportance(new[] { 9, 9, 16 });
        Assert.Equal(1.0f, g[4, 4].max().item<float>(), 6);
        // Along z, 4 voxels from the centre, σ = 9/8: exp(−16 / (2·1.265625)). Along x (even window) voxels 7 and 8
        // straddle the centre 7.5 and share the peak, which the normalisation to 1 divides out.
        double expected = Math.Exp(-16 / (2 * 1.265625));
        Assert.Equal(expected, g[0, 4, 7].item<float>(), 6);
    }

    static Tensor Ramp(long d, long h, long w) => arange(d * h * w, float32).reshape(1, d, h, w) / 100f;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void StitchingAKnownFunctionReproducesItExactly(int batch)
    {
        // The "model" maps intensity v to scores (v, 2v); every window agrees, so the weighted mean is exact.
        using var image = Ramp(5, 13, 17);
        var inferer = new SlidingWindowInferer(new[] { 4, 8, 8 }, 0.5, batch);
        using var result = inferer.Run(image, x => cat(new[] { x, 2 * x }, 1), CPU);
        Assert.Equal(new long[] { 2, 5, 13, 17 }, result.shape);
        Assert.True(allclose(result[0], image[0], rtol: 1e-5, atol: 1e-5));
        Assert.True(allclose(result[1], 2 * image[0], rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void VolumesSmallerThanTheWindowArePaddedAndCroppedBack()
    {
        using var image = Ramp(3, 6, 9) + 1;
        var inferer = new SlidingWindowInferer(new[] { 4, 8, 8 });
        var seen = new List<long[]>();
        using var result = inferer.Run(image, x => { seen.Add(x.shape); return x.clone(); }, CPU);
        Assert.All(seen, s => Assert.Equal(new long[] { 1, 1, 4, 8, 8 }, s));
        Assert.Equal(image.shape, result.shape);
        Assert.True(allclose(result, image, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void WindowPositionsMatter()
    {
        // A model whose output depends on where the window sits (it returns the window-local x index) cannot
        // be stitched back to a global function: this pins that the inferer really stitches overlapping windows.
        using var image = zeros(new long[] { 1, 4, 4, 12 });
        var inferer = new SlidingWindowInferer(new[] { 4, 4, 8 });
        using var local = arange(8, float32).view(1, 1, 1, 1, 8);
        using var result = inferer.Run(image, x => x * 0 + local, CPU);
        // Starts 0 and 4; at x = 0 only the first window reaches: local index 0. At x = 11 only the second: 7.
        Assert.Equal(0f, result[0, 0, 0, 0].item<float>(), 5);
        Assert.Equal(7f, result[0, 0, 0, 11].item<float>(), 5);
        // At x = 5 both windows reach, with local indices 5 and 1: the mean is weighted, strictly between them.
        float mid = result[0, 0, 0, 5].item<float>();
        Assert.InRange(mid, 1.01f, 4.99f);
    }

    [Fact]
    public void FlipAugmentationAveragesTheMirroredPredictions()
    {
        // A predictor that returns the x index: mirrored along x and flipped back it returns W−1−x, so the mean of
        // the 8 flips (4 with x mirrored) is (W−1)/2 everywhere.
        using var ramp = arange(6, float32).view(1, 1, 1, 1, 6);
        var tta = FlipAugmentedPredictor.Wrap(x => x * 0 + ramp, new[] { 0, 1, 2 });
        using var y = tta(zeros(new long[] { 1, 1, 2, 2, 6 }));
        Assert.True(allclose(y, full(new long[] { 1, 1, 2, 2, 6 }, 2.5f)));
    }
}
