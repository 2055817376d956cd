using Gtgm.Imaging;

namespace Gtgm.Segmentation.Metrics;

/// <summary>
/// Dice similarity coefficient per foreground class: Dice_c = 2|P_c ∩ T_c| / (|P_c| + |T_c|), where P_c and T_c
/// are the voxels predicted and labelled as class c. Classes run 1..numClasses-1; background (0) is excluded,
/// unlike the GTGM reference code, whose background term (nearly 1 on every case) inflates its means.
/// <para>Empty masks: both empty gives 1 (nothing to find and nothing found); exactly one empty gives 0.</para>
/// </summary>
public static class DiceMetric
{
    /// <summary>Dice of classes 1..numClasses-1, in that order.</summary>
    public static double[] PerClass(LabelVolume prediction, LabelVolume truth, int numClasses)
    {
        RequireSameGrid(prediction, truth);
        return PerClass(prediction.Data, truth.Data, numClasses);
    }

    public static double[] PerClass(ReadOnlySpan<int> prediction, ReadOnlySpan<int> truth, int numClasses)
    {
        if (prediction.Length != truth.Length)
            throw new ArgumentException($"Prediction has {prediction.Length} voxels, truth {truth.Length}.");
        if (numClasses < 2) throw new ArgumentException("Dice needs at least one foreground class (numClasses >= 2).");
        var predicted = new long[numClasses];
        var labelled = new long[numClasses];
        var overlap = new long[numClasses];
        for (int i = 0; i < prediction.Length; i++)
        {
            int p = prediction[i], t = truth[i];
            if ((uint)p < (uint)numClasses) predicted[p]++;
            if ((uint)t < (uint)numClasses) labelled[t]++;
            if (p == t && (uint)p < (uint)numClasses) overlap[p]++;
        }
        var dice = new double[numClasses - 1];
        for (int c = 1; c < numClasses; c++)
        {
            long denominator = predicted[c] + labelled[c];
            dice[c - 1] = denominator == 0 ? 1.0 : 2.0 * overlap[c] / denominator;
        }
        return dice;
    }

    internal static void RequireSameGrid(LabelVolume prediction, LabelVolume truth)
    {
        if (!prediction.Geometry.SameGrid(truth.Geometry))
            throw new ArgumentException($"Prediction ({prediction.Geometry}) and truth ({truth.Geometry}) are on different grids.");
    }
}
