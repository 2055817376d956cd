using Gtgm.Imaging;

namespace Gtgm.Connectomics;

/// <summary>
/// The CREMI neuron-segmentation scores of one prediction against its truth: VOI split and merge (bits),
/// their sum, the adapted Rand error, and the CREMI score √(VOI sum · ARAND) (the geometric mean CREMI ranks
/// by; lower is better, 0 is perfect). Ground-truth 0 is ignored throughout.
/// </summary>
public sealed record EmSegmentationScore(double VoiSplit, double VoiMerge, double Arand, double RandPrecision, double RandRecall)
{
    public double VoiSum => VoiSplit + VoiMerge;

    public double CremiScore => Math.Sqrt(VoiSum * Arand);

    /// <summary>Scores a prediction on the truth's grid; a different grid is an <see cref="ArgumentException"/>.</summary>
    public static EmSegmentationScore Compute(LabelVolume prediction, LabelVolume truth)
    {
        var table = ContingencyTable.Of(prediction, truth);
        var voi = VariationOfInformation.Compute(table);
        var rand = AdaptedRandError.Compute(table);
        return new EmSegmentationScore(voi.Split, voi.Merge, rand.Error, rand.Precision, rand.Recall);
    }
}
