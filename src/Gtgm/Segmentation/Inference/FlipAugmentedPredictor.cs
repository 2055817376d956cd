using static TorchSharp.torch;

namespace Gtgm.Segmentation.Inference;

/// <summary>
/// Test-time augmentation by mirroring: the mean of predict(flip(x)) flipped back, over every subset of the
/// given spatial axes (8 passes for all three, the identity included). Valid for nets trained with random
/// flips on those axes. Wraps any window predictor, so <see cref="SlidingWindowInferer"/> need not know about it.
/// </summary>
public static class FlipAugmentedPredictor
{
    /// <param name="predict">[B, C, D, H, W] → [B, K, D, H, W].</param>
    /// <param name="axes">Spatial axes to mirror: 0 = z, 1 = y, 2 = x.</param>
    public static Func<Tensor, Tensor> Wrap(Func<Tensor, Tensor> predict, IReadOnlyList<int> axes)
    {
        var subsets = new List<long[]>();
        for (int mask = 0; mask < 1 << axes.Count; mask++)
            subsets.Add(Enumerable.Range(0, axes.Count).Where(a => (mask >> a & 1) == 1).Select(a => (long)(axes[a] + 2)).ToArray());
        return x =>
        {
            using var scope = NewDisposeScope();
            Tensor? sum = null;
            foreach (var axes in subsets)
            {
                var y = axes.Length == 0 ? predict(x) : predict(x.flip(axes)).flip(axes);
                sum = sum is null ? y : sum + y;
            }
            return (sum! / subsets.Count).MoveToOuterDisposeScope();
        };
    }
}
