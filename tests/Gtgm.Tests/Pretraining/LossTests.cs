using Gtgm.Pretraining.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Tests.Pretraining;

public class LossTests
{
    static Tensor T(float[,] v) => tensor(v);

    [Fact]
    public void InfoNceOnOrthonormalPairs()
    {
        // S = I / τ. Every row and column: CE = -log(e^{1/τ} / (e^{1/τ} + e^0)) = log(1 + e^{-1/τ}).
        var a = T(new float[,] { { 1, 0 }, { 0, 1 } });
        Assert.Equal(Math.Log(1 + Math.Exp(-1)), new InfoNceLoss(1.0).Forward(a, a).item<float>(), 5); // 0.313262
        Assert.Equal(Math.Log(1 + Math.Exp(-2)), new InfoNceLoss(0.5).Forward(a, a).item<float>(), 5); // 0.126928
    }

    [Fact]
    public void InfoNceIsTheMeanOfBothDirections()
    {
        // a = [[1,0],[0,1]], b = [[1,0],[1,1]] -> b̂ = [[1,0],[r,r]], r = 1/√2, τ = 1: S = [[1, r],[0, r]].
        // a->b rows:    log(1+e^{r-1}) = 0.557386,  log(1+e^{-r}) = 0.400834   mean 0.479110
        // b->a columns: log(1+e^{-1}) = 0.313262,  log(1+e^{0}) = 0.693147    mean 0.503204
        // L = (0.479110 + 0.503204) / 2 = 0.491157; scaling b changes nothing (L2 normalisation).
        var a = T(new float[,] { { 1, 0 }, { 0, 1 } });
        var b = T(new float[,] { { 1, 0 }, { 3, 3 } });
        Assert.Equal(0.491157, new InfoNceLoss(1.0).Forward(a, b).item<float>(), 5);
        Assert.Equal(0.491157, new InfoNceLoss(1.0).Forward(a, b * 7).item<float>(), 5);
    }

    [Fact]
    public void InfoNceTopOneAccuracyCountsBothDirections()
    {
        // a->b: row 0 best is b0 (1 > r), row 1 best is b1 (r > 0): 2/2. b->a: column 0: a0 (1 > 0) ok;
        // column 1 (b̂1 = [r, r]) ties a0 and a1; argmax takes the first, a0: wrong. (1 + 0.5) / 2 = 0.75.
        var a = T(new float[,] { { 1, 0 }, { 0, 1 } });
        var b = T(new float[,] { { 1, 0 }, { 1, 1 } });
        Assert.Equal(0.75, InfoNceLoss.Top1Accuracy(a, b), 6);
    }

    [Fact]
    public void TopOneAccuracyCountsADuplicateCaptionAsAHit()
    {
        // b0 == b2 (same caption). Image 2 = [1, 0.1] ranks b0 and b2 equal (0.995) and argmax picks b0: a
        // hit, because b0 is the same text. Column 2 likewise retrieves image 0, which carries that text.
        // Strict pair matching would give (2/3 + 2/3) / 2; duplicates-aware gives 1.
        var a = T(new float[,] { { 1, 0 }, { 0, 1 }, { 1, 0.1f } });
        var b = T(new float[,] { { 1, 0 }, { 0, 1 }, { 1, 0 } });
        Assert.Equal(1.0, InfoNceLoss.Top1Accuracy(a, b), 6);
    }

    [Fact]
    public void BarlowTwinsStandardised()
    {
        // z1 = [[1,2],[3,4]] -> each column standardised over the batch (biased std 1) -> [[-1,-1],[1,1]]
        // z2 = [[0,5],[2,1]] ->                                                          [[-1, 1],[1,-1]]
        // C = ẑ1ᵀẑ2 / 2 = [[1,-1],[1,-1]];  on = (1-1)² + (1+1)² = 4;  off = (-1)² + 1² = 2
        // L = (4 + 0.0051·2) / D(=2) = 2.0051   (the 1e-5 variance epsilon moves it by 2e-5)
        var z1 = T(new float[,] { { 1, 2 }, { 3, 4 } });
        var z2 = T(new float[,] { { 0, 5 }, { 2, 1 } });
        Assert.Equal(2.0051, new BarlowTwinsLoss().Forward(z1, z2).item<float>(), 4);
    }

    [Fact]
    public void BarlowTwinsRawReferenceVariant()
    {
        // Raw: C = z1ᵀz2 / 2 = [[(0+6)/2, (5+3)/2], [(0+8)/2, (10+4)/2]] = [[3,4],[4,7]]
        // on = (1-3)² + (1-7)² = 40;  off = 4² + 4² = 32;  L = (40 + 0.0051·32) / 2 = 20.0816
        var z1 = T(new float[,] { { 1, 2 }, { 3, 4 } });
        var z2 = T(new float[,] { { 0, 5 }, { 2, 1 } });
        Assert.Equal(20.0816, new BarlowTwinsLoss(standardize: false).Forward(z1, z2).item<float>(), 3);
    }

    [Fact]
    public void BarlowTwinsIsZeroForPerfectlyCorrelatedDecorrelatedFeatures()
    {
        // Columns [-1,1,-1,1] and [-1,-1,1,1] are standardised and orthogonal: C = I, L = 0.
        var z = T(new float[,] { { -1, -1 }, { 1, -1 }, { -1, 1 }, { 1, 1 } });
        Assert.Equal(0.0, new BarlowTwinsLoss().Forward(z, z).item<float>(), 4);
    }

    [Fact]
    public void ByolLossIsTwoMinusTwoCosine()
    {
        // cos([1,0],[1,1]) = 1/√2 -> 2 - √2 = 0.585786;  cos([0,2],[0,-3]) = -1 -> 4;  mean 2.292893
        var p = T(new float[,] { { 1, 0 }, { 0, 2 } });
        var z = T(new float[,] { { 1, 1 }, { 0, -3 } });
        Assert.Equal(2.292893, ByolLoss.Forward(p, z).item<float>(), 5);
    }

    [Fact]
    public void ByolAndSimSiamStopTheGradientAtTheTarget()
    {
        var p = T(new float[,] { { 1, 0 } }).requires_grad_(true);
        var z = T(new float[,] { { 1, 1 } }).requires_grad_(true);
        ByolLoss.Forward(p, z).backward();
        Assert.NotNull(p.grad);
        Assert.Null(z.grad);
        // d/dp (2 - 2 p·z/(|p||z|)) at p = [1,0], z = [1,1]: -2 (z/(|p||z|) - (p·z) p/(|p|³|z|)) = [0, -√2]
        Assert.Equal(0.0, p.grad!.data<float>()[0], 5);
        Assert.Equal(-Math.Sqrt(2), p.grad!.data<float>()[1], 5);
    }

    [Fact]
    public void SimSiamIsTheSymmetricNegativeCosine()
    {
        // ½·(-cos([1,0],[1,1])) + ½·(-cos([0,1],[0,1])) = -½/√2 - ½ = -0.853553
        var p1 = T(new float[,] { { 1, 0 } });
        var p2 = T(new float[,] { { 0, 1 } });
        var z1 = T(new float[,] { { 0, 1 } });
        var z2 = T(new float[,] { { 1, 1 } });
        Assert.Equal(-0.853553, SimSiamLoss.Forward(p1, p2, z1, z2).item<float>(), 5);
    }

    [Fact]
    public void PcrlV2RestorationAveragesScalesAgainstThePooledTarget()
    {
        // target 2x2x2 = 0..7, mean 3.5. Scale 1x1x1 predicts 1.5: (3.5-1.5)² = 4.
        // Scale 2x2x2 predicts target + 1: MSE 1.  Mean over scales: 2.5.
        var target = arange(8, dtype: ScalarType.Float32).reshape(1, 1, 2, 2, 2);
        var coarse = full(new long[] { 1, 1, 1, 1, 1 }, 1.5f);
        Assert.Equal(2.5, PcrlV2Loss.Restoration(new[] { coarse, target + 1 }, target).item<float>(), 5);
    }
}
