using Gtgm.Segmentation.Losses;
using static TorchSharp.torch;

namespace Gtgm.Tests.Segmentation;

public class DiceCeLossTests
{
    [Fact]
    public void MatchesAHandComputedValue()
    {
        // One image of two voxels, two classes. Voxel 0: logits (ln 3, 0) -> p = (0.75, 0.25), label 0.
        // Voxel 1: logits (0, 0) -> p = (0.5, 0.5), label 1.
        // CE = (−ln 0.75 − ln 0.5) / 2.
        // Dice(class 1) = (2·0.5 + ε) / (0.25 + 0.5 + 1 + ε).
        var logits = tensor(new float[] { (float)Math.Log(3), 0f, 0f, 0f }).reshape(1, 2, 1, 1, 2);
        var target = tensor(new long[] { 0, 1 }).reshape(1, 1, 1, 2);
        double ce = (-Math.Log(0.75) - Math.Log(0.5)) / 2;
        double dice = (2 * 0.5 + DiceCeLoss.Smooth) / (1.75 + DiceCeLoss.Smooth);
        double loss = new DiceCeLoss().forward(logits, target).item<float>();
        Assert.Equal(ce + 1 - dice, loss, 5);
    }

    [Fact]
    public void DiceIsTakenOverTheWholeBatchAndAveragedOverForegroundClasses()
    {
        // Two images of one voxel, three classes, uniform logits -> p = 1/3 everywhere. Labels 1 and 2.
        // Class 1: intersection 1/3, Σp = 2/3, Σt = 1 -> Dice (2/3)/(5/3) = 0.4; class 2 the same.
        // CE = ln 3. Background is in CE only.
        var logits = zeros(new long[] { 2, 3, 1, 1, 1 });
        var target = tensor(new long[] { 1, 2 }).reshape(2, 1, 1, 1);
        double expected = Math.Log(3) + 1 - (2.0 / 3 + DiceCeLoss.Smooth) / (5.0 / 3 + DiceCeLoss.Smooth);
        Assert.Equal(expected, new DiceCeLoss().forward(logits, target).item<float>(), 5);
    }

    [Fact]
    public void ConfidentCorrectLogitsGiveNearZeroLoss()
    {
        var target = tensor(new long[] { 0, 1, 2, 1 }).reshape(1, 1, 2, 2);
        var logits = nn.functional.one_hot(target, 3).movedim(new long[] { -1 }, new long[] { 1 }).to(float32) * 50;
        Assert.True(new DiceCeLoss().forward(logits, target).item<float>() < 1e-4);
    }
}
