using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Losses;

/// <summary>
/// SimSiam's symmetric negative cosine with stop-gradient on the projections (Chen &amp; He 2021):
/// <code>
/// D(p, z) = - mean_i cos(p_i, stopgrad(z_i))
/// L = ½ D(p1, z2) + ½ D(p2, z1)          in [-1, 1]
/// </code>
/// </summary>
public static class SimSiamLoss
{
    public static Tensor Forward(Tensor p1, Tensor p2, Tensor z1, Tensor z2)
    {
        using var scope = NewDisposeScope();
        var loss = 0.5 * NegativeCosine(p1, z2) + 0.5 * NegativeCosine(p2, z1);
        return loss.MoveToOuterDisposeScope();
    }

    public static Tensor NegativeCosine(Tensor p, Tensor z) =>
        -nn.functional.cosine_similarity(p, z.detach(), dim: 1).mean();
}
