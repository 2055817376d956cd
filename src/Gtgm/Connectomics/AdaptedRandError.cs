using Gtgm.Imaging;

namespace Gtgm.Connectomics;

/// <summary>Adapted Rand error with the precision and recall it comes from.</summary>
public readonly record struct RandScore(double Error, double Precision, double Recall);

/// <summary>
/// Adapted Rand error as CREMI computes it (cremi_python <c>evaluation/rand.py</c>, after the SNEMI3D
/// script): 1 − F, the F-score of Rand precision and recall over the contingency table n(t, p) of the voxels
/// whose truth id t is not 0. With prediction ids p ≥ 1 and c the number of those voxels predicted 0, N all
/// voxels of the volume (ignored ones included):
/// <c>precision = (Σ_{p≥1} n(t,p)² + c/N) / (Σ_{p≥1} n(p)² + c/N)</c>,
/// <c>recall = (Σ_{p≥1} n(t,p)² + c/N) / Σ_t n(t)²</c>, where n(p) counts prediction p on those voxels and n(t)
/// truth t. So a voxel predicted 0 is as good as a singleton segment (its pairs with other voxels are missing
/// from both numerator sums), up to CREMI's c/N term, kept here for identical numbers.
/// 0 for a perfect segmentation (up to renumbering); at most 1.
/// </summary>
public static class AdaptedRandError
{
    public static RandScore Compute(LabelVolume prediction, LabelVolume truth) => Compute(ContingencyTable.Of(prediction, truth));

    public static RandScore Compute(ContingencyTable table)
    {
        double sumTruth = table.TruthCounts.Values.Sum(n => (double)n * n);
        double sumPrediction = table.PredictionCounts.Where(kv => kv.Key != 0).Sum(kv => (double)kv.Value * kv.Value);
        double sumPairs = table.Pairs.Where(kv => kv.Key.Prediction != 0).Sum(kv => (double)kv.Value * kv.Value);
        double predictedZero = table.PredictionCounts.GetValueOrDefault(0) / (double)table.Voxels;
        double precision = (sumPairs + predictedZero) / (sumPrediction + predictedZero);
        double recall = (sumPairs + predictedZero) / sumTruth;
        return new RandScore(1 - 2 * precision * recall / (precision + recall), precision, recall);
    }
}
