using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Segmentation.Losses;

/// <summary>
/// Soft Dice over the foreground classes plus cross-entropy, the nnU-Net training loss:
/// <code>
/// L = CE(logits, y) + 1 − (1/(K−1)) Σ_{c=1}^{K−1} (2 Σ p_c t_c + ε) / (Σ p_c + Σ t_c + ε)
/// </code>
/// with p = softmax(logits) over the class axis, t the one-hot target, ε = 1e-5, and the sums taken over the
/// batch and all voxels together ("batch Dice": a patch without some class does not give that class a
/// meaningless per-sample Dice). CE is the mean over all voxels. Background (class 0) enters CE but not Dice.
/// <para>Inputs: logits [B, K, D, H, W] (float), target [B, D, H, W] (int64 class indices). Returns a scalar.</para>
/// </summary>
public sealed class DiceCeLoss : nn.Module<Tensor, Tensor, Tensor>
{
    public const double Smooth = 1e-5;

    public DiceCeLoss() : base(nameof(DiceCeLoss)) { }

    public override Tensor forward(Tensor logits, Tensor target)
    {
        using var scope = NewDisposeScope();
        long classes = logits.shape[1];
        if (classes < 2) throw new ArgumentException("DiceCeLoss needs a background and at least one foreground class.");
        var ce = nn.functional.cross_entropy(logits, target);
        var probabilities = nn.functional.softmax(logits, 1);
        var oneHot = nn.functional.one_hot(target, classes).movedim(new long[] { -1 }, new long[] { 1 }).to(probabilities.dtype);
        var sumDims = Enumerable.Range(0, (int)logits.dim()).Where(d => d != 1).Select(d => (long)d).ToArray();
        var intersection = (probabilities * oneHot).sum(sumDims)[1..];
        var denominator = probabilities.sum(sumDims)[1..] + oneHot.sum(sumDims)[1..];
        var dice = (2 * intersection + Smooth) / (denominator + Smooth);
        return (ce + 1 - dice.mean()).MoveToOuterDisposeScope();
    }
}
