using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Losses;

/// <summary>
/// Symmetric InfoNCE (CLIP loss) between two batches of paired embeddings a, b of shape [N, d], pair i
/// being the positive for row i and every other row a negative:
/// <code>
/// â = a / ||a||,  b̂ = b / ||b||,  S = â b̂ᵀ / τ                  (N x N)
/// L = ½ [ CE(S, 0..N-1) + CE(Sᵀ, 0..N-1) ]                       (CE averaged over rows)
/// </code>
/// τ = 0.07 in GTGM. Returns a scalar. With N = 1 the loss is 0 (no negatives).
/// </summary>
public sealed class InfoNceLoss
{
    public const double DefaultTemperature = 0.07;
    public double Temperature { get; }

    public InfoNceLoss(double temperature = DefaultTemperature)
    {
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), "temperature must be positive");
        Temperature = temperature;
    }

    public Tensor Forward(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var logits = Similarity(a, b);
        var targets = arange(a.shape[0], dtype: ScalarType.Int64, device: a.device);
        var loss = (nn.functional.cross_entropy(logits, targets) + nn.functional.cross_entropy(logits.t(), targets)) / 2;
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>Cosine similarities divided by the temperature, [N, N].</summary>
    public Tensor Similarity(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var an = nn.functional.normalize(a, dim: 1);
        var bn = nn.functional.normalize(b, dim: 1);
        return (an.matmul(bn.t()) / Temperature).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// In-batch top-1 retrieval accuracy, averaged over both directions (a -> b and b -> a): a query counts
    /// as a hit when the item it ranks first is its pair or an exact duplicate of its pair (several crops
    /// can carry the same caption text, and then every one of them is a right answer). Chance is about 1/N.
    /// </summary>
    public static double Top1Accuracy(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var s = nn.functional.normalize(a, dim: 1).matmul(nn.functional.normalize(b, dim: 1).t());
        // sameText[i, j]: b_i and b_j are identical, i.e. crops i and j share a caption.
        var sameText = (b.unsqueeze(1) - b.unsqueeze(0)).abs().amax(new long[] { -1 }).eq(0);
        double ab = sameText.gather(1, s.argmax(1).unsqueeze(1)).to(ScalarType.Float32).mean().item<float>();
        double ba = sameText.gather(0, s.argmax(0).unsqueeze(0)).to(ScalarType.Float32).mean().item<float>();
        return (ab + ba) / 2;
    }
}
