using Gtgm.Imaging;

namespace Gtgm.Segmentation.Metrics;

/// <summary>
/// 95th-percentile symmetric Hausdorff distance between two binary masks, in the grid's world unit (mm).
/// <list type="bullet">
/// <item>Surface voxels: mask voxels with at least one of their 6 face neighbours outside the mask; the region
/// outside the volume counts as outside the mask, so a mask touching the border has a surface there.</item>
/// <item>d(a, B) is the Euclidean distance, with the grid's anisotropic spacing, from surface voxel a to the
/// nearest surface voxel of B (an exact distance transform, not a chamfer approximation).</item>
/// <item>HD95 = max(P95{d(a, B) : a ∈ ∂A}, P95{d(b, A) : b ∈ ∂B}), the percentile interpolated linearly
/// between order statistics: MONAI's <c>compute_hausdorff_distance(percentile=95)</c> convention.</item>
/// <item>Both masks empty: 0. Exactly one empty: NaN (undefined); callers report it as such and leave it out
/// of means, counting how many cases were left out.</item>
/// </list>
/// </summary>
public static class HausdorffDistance95
{
    /// <summary>HD95 of classes 1..numClasses-1 of two label maps on the same grid.</summary>
    public static double[] PerClass(LabelVolume prediction, LabelVolume truth, int numClasses)
    {
        DiceMetric.RequireSameGrid(prediction, truth);
        var result = new double[numClasses - 1];
        var p = new bool[prediction.Data.Length];
        var t = new bool[truth.Data.Length];
        for (int c = 1; c < numClasses; c++)
        {
            for (int i = 0; i < p.Length; i++) { p[i] = prediction.Data[i] == c; t[i] = truth.Data[i] == c; }
            result[c - 1] = Compute(p, t, prediction.Geometry.Shape, prediction.Geometry.Spacing);
        }
        return result;
    }

    /// <param name="a">First mask, (z, y, x) with x fastest.</param>
    /// <param name="b">Second mask, same layout.</param>
    /// <param name="shape">(z, y, x).</param>
    /// <param name="spacing">Voxel spacing (z, y, x) in world units.</param>
    public static double Compute(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, int[] shape, double[] spacing)
    {
        var surfaceA = Surface(a, shape);
        var surfaceB = Surface(b, shape);
        bool emptyA = !surfaceA.Contains(true), emptyB = !surfaceB.Contains(true);
        if (emptyA && emptyB) return 0;
        if (emptyA || emptyB) return double.NaN;
        double ab = Percentile95(DirectedDistances(surfaceA, surfaceB, shape, spacing));
        double ba = Percentile95(DirectedDistances(surfaceB, surfaceA, shape, spacing));
        return Math.Max(ab, ba);
    }

    internal static bool[] Surface(ReadOnlySpan<bool> mask, int[] shape)
    {
        int d = shape[0], h = shape[1], w = shape[2];
        if (mask.Length != (long)d * h * w) throw new ArgumentException($"Mask has {mask.Length} voxels; shape needs {(long)d * h * w}.");
        var surface = new bool[mask.Length];
        for (int z = 0; z < d; z++)
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            int i = (z * h + y) * w + x;
            if (!mask[i]) continue;
            surface[i] = z == 0 || z == d - 1 || y == 0 || y == h - 1 || x == 0 || x == w - 1
                || !mask[i - 1] || !mask[i + 1] || !mask[i - w] || !mask[i + w] || !mask[i - w * h] || !mask[i + w * h];
        }
        return surface;
    }

    static List<double> DirectedDistances(bool[] from, bool[] to, int[] shape, double[] spacing)
    {
        var squared = EuclideanDistanceTransform.SquaredDistanceToNearest(to, shape, spacing);
        var distances = new List<double>();
        for (int i = 0; i < from.Length; i++)
            if (from[i]) distances.Add(Math.Sqrt(squared[i]));
        return distances;
    }

    /// <summary>NumPy's default ("linear") percentile.</summary>
    internal static double Percentile95(List<double> values)
    {
        values.Sort();
        double rank = 0.95 * (values.Count - 1);
        int lo = (int)Math.Floor(rank);
        int hi = Math.Min(lo + 1, values.Count - 1);
        return values[lo] + (rank - lo) * (values[hi] - values[lo]);
    }
}
