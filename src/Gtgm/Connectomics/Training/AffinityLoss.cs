using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Connectomics.Training;

/// <summary>
/// Masked binary cross-entropy on affinity logits, the training loss of an affinity network:
/// <code>
/// L = Σ m·w·BCE(logit, t) / Σ m        (0 when Σ m = 0)
/// </code>
/// over every element of [B, 3, D, H, W] logits, targets t ∈ {0, 1} and mask m ∈ {0, 1}
/// (<see cref="AffinityTargets"/>). Unbalanced, w = 1 and L is the mean BCE over the masked-in edges.
/// <para>Balanced (the default for training), w is gunpowder's <c>BalanceLabels</c> weighting, which Funke et al.
/// 2019 ("Large scale image segmentation with structured loss based deep learning for connectome
/// reconstruction", IEEE TPAMI) train their affinity U-Nets with: with f the share of positive edges among the
/// masked-in edges of the batch (all three channels together), clipped to [0.05, 0.95], positive edges weigh
/// 1/(2f) and negative ones 1/(2(1 − f)), so both classes carry half the loss. Inside neurons almost every edge is
/// positive; without the weights a net can score well by predicting "connected" everywhere, which merges
/// neurons. The weights are computed without gradient, per batch.</para>
/// </summary>
public sealed class AffinityLoss : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    /// <summary>gunpowder's default clipping of the positive share, so a batch of nearly one class is not blown up.</summary>
    public const double MinClassShare = 0.05, MaxClassShare = 0.95;

    public bool Balanced { get; }

    public AffinityLoss(bool balanced = true) : base(nameof(AffinityLoss)) => Balanced = balanced;

    public override Tensor forward(Tensor logits, Tensor target, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var perEdge = nn.functional.binary_cross_entropy_with_logits(logits, target, reduction: nn.Reduction.None);
        var weight = Balanced ? mask * ClassWeights(target, mask) : mask;
        return ((perEdge * weight).sum() / mask.sum().clamp_min(1)).MoveToOuterDisposeScope();
    }

    /// <summary>Per-edge weights 1/(2f) for positives, 1/(2(1 − f)) for negatives (see the class summary).</summary>
    public static Tensor ClassWeights(Tensor target, Tensor mask)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var share = ((target * mask).sum() / mask.sum().clamp_min(1)).clamp(MinClassShare, MaxClassShare);
        var weights = target * (0.5 / share) + (1 - target) * (0.5 / (1 - share));
        return weights.MoveToOuterDisposeScope();
    }
}
