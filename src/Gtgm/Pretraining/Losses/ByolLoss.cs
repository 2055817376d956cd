using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Losses;

/// <summary>
/// BYOL's regression loss between the online prediction p and the target projection z, [N, d]:
/// L = mean_i ( 2 - 2 cos(p_i, z_i) ), in [0, 4]. z is detached here (the target network gets no gradient
/// from this loss; it moves by EMA). Symmetrising over the two views is the objective's job.
/// </summary>
public static class ByolLoss
{
    public static Tensor Forward(Tensor prediction, Tensor target)
    {
        using var scope = NewDisposeScope();
        var cos = nn.functional.cosine_similarity(prediction, target.detach(), dim: 1);
        return (2 - 2 * cos).mean().MoveToOuterDisposeScope();
    }
}
