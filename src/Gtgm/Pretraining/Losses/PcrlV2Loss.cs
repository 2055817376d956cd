using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Losses;

/// <summary>
/// The two terms of PCRLv2 (Zhou et al., "A Unified Visual Information Preservation Framework for
/// Self-supervised Pre-training in Medical Image Analysis", TPAMI 2023), as implemented here:
/// <code>
/// L_restore = 1/S Σ_s MSE( r_s , avgpool_s(x) )          r_s: the decoder's restoration at scale s,
///                                                         x: the uncorrupted view, pooled to r_s's size
/// L_siamese = 1/S Σ_s SimSiam(p1_s, p2_s, z1_s, z2_s)     pooled decoder features of the two views at scale s
/// L = L_restore + L_siamese
/// </code>
/// Pixel restoration from a locally corrupted input at several decoder scales (the non-skip U-Net of the
/// paper) preserves low-level detail; the siamese term at every scale preserves high-level invariance.
/// Not reproduced: the paper's mixing of global and local crops and its pixel-level "local" views.
/// </summary>
public static class PcrlV2Loss
{
    /// <summary>Mean over scales of the MSE between each restoration and the target average-pooled to its size.</summary>
    public static Tensor Restoration(IReadOnlyList<Tensor> restorations, Tensor target)
    {
        if (restorations.Count == 0) throw new ArgumentException("need at least one scale", nameof(restorations));
        using var scope = NewDisposeScope();
        Tensor total = zeros(1, device: target.device).squeeze();
        var t = target.detach();
        foreach (var r in restorations)
        {
            var size = r.shape[2..];
            var pooled = size.SequenceEqual(t.shape[2..]) ? t : nn.functional.adaptive_avg_pool3d(t, size);
            total = total + nn.functional.mse_loss(r, pooled);
        }
        return (total / restorations.Count).MoveToOuterDisposeScope();
    }
}
