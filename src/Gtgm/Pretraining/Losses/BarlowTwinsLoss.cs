using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Losses;

/// <summary>
/// Barlow Twins redundancy reduction between two views' embeddings z1, z2 of shape [N, D]:
/// <code>
/// standardised (default):  ẑ = (z - mean_batch(z)) / sqrt(var_batch(z) + 1e-5)   (biased variance, as BatchNorm1d(affine=False))
/// raw (reference-code variant):  ẑ = z
/// C = ẑ1ᵀ ẑ2 / N                                                    (D x D cross-correlation)
/// L = [ Σ_i (1 - C_ii)² + λ Σ_{i≠j} C_ij² ] / D,   λ = 0.0051
/// </code>
/// The division by D is GTGM's "normalised by the feature dimension" (the original Barlow Twins sums
/// without it); it keeps the term's scale independent of the projector size. The raw variant is the
/// published GTGM code's choice (no standardisation), kept for comparison: its C is not a correlation,
/// so its value depends on feature scale.
/// </summary>
public sealed class BarlowTwinsLoss
{
    public const double DefaultLambda = 0.0051;
    const double Epsilon = 1e-5;

    public double Lambda { get; }
    public bool Standardize { get; }

    public BarlowTwinsLoss(double lambda = DefaultLambda, bool standardize = true)
    {
        if (lambda < 0) throw new ArgumentOutOfRangeException(nameof(lambda));
        Lambda = lambda;
        Standardize = standardize;
    }

    public Tensor Forward(Tensor z1, Tensor z2)
    {
        if (!z1.shape.SequenceEqual(z2.shape) || z1.dim() != 2)
            throw new ArgumentException($"expected two [N, D] tensors of the same shape, got [{string.Join(",", z1.shape)}] and [{string.Join(",", z2.shape)}]");
        using var scope = NewDisposeScope();
        long n = z1.shape[0], d = z1.shape[1];
        var a = Standardize ? Standardise(z1) : z1;
        var b = Standardize ? Standardise(z2) : z2;
        var c = a.t().matmul(b) / n;
        var diagonal = c.diagonal();
        var onDiag = (1 - diagonal).pow(2).sum();
        var offDiag = c.pow(2).sum() - diagonal.pow(2).sum();
        return ((onDiag + Lambda * offDiag) / d).MoveToOuterDisposeScope();
    }

    static Tensor Standardise(Tensor z)
    {
        var mean = z.mean(new long[] { 0 }, keepdim: true);
        var variance = (z - mean).pow(2).mean(new long[] { 0 }, keepdim: true);
        return (z - mean) / (variance + Epsilon).sqrt();
    }
}
