using Gtgm.Imaging;

namespace Gtgm.Connectomics;

/// <summary>The two halves of the variation of information, in bits.</summary>
public readonly record struct VoiScore(double Split, double Merge)
{
    public double Sum => Split + Merge;
}

/// <summary>
/// Variation of information (Meilă 2007) split into its two conditional entropies, as CREMI reports it
/// (cremi_python <c>evaluation/voi.py</c>, from gala): with P the prediction and T the truth,
/// <c>split = H(P | T) = Σ p(p,t) log₂(p(t) / p(p,t))</c> (over-segmentation: one true object cut into
/// several) and <c>merge = H(T | P) = Σ p(p,t) log₂(p(p) / p(p,t))</c> (under-segmentation: several true
/// objects in one predicted). Logarithms base 2 (bits). Probabilities are over the voxels whose truth id is not
/// 0; prediction 0 is an ordinary id. Identical segmentations (up to renumbering) give 0 and 0.
/// </summary>
public static class VariationOfInformation
{
    public static VoiScore Compute(LabelVolume prediction, LabelVolume truth) => Compute(ContingencyTable.Of(prediction, truth));

    public static VoiScore Compute(ContingencyTable table)
    {
        double n = table.Scored, split = 0, merge = 0;
        foreach (var ((p, t), count) in table.Pairs)
        {
            split += count * Math.Log2((double)table.TruthCounts[t] / count);
            merge += count * Math.Log2((double)table.PredictionCounts[p] / count);
        }
        return new VoiScore(split / n, merge / n);
    }
}
