namespace Gtgm.Connectomics;

/// <summary>What agglomeration knows of the affinity edges two regions share: their count, sum, minimum and maximum.</summary>
public readonly record struct BoundaryStatistics(long Count, double Sum, float Min, float Max)
{
    public static BoundaryStatistics Of(float affinity) => new(1, affinity, affinity, affinity);

    public BoundaryStatistics Add(float affinity) => Combine(Of(affinity));

    public BoundaryStatistics Combine(BoundaryStatistics other) =>
        new(Count + other.Count, Sum + other.Sum, Math.Min(Min, other.Min), Math.Max(Max, other.Max));

    public double Mean => Sum / Count;
}

/// <summary>
/// How strongly two regions belong together, from the edges on their shared boundary (higher = merge sooner).
/// <see cref="RegionAgglomeration"/> merges the best-scoring pair first, as waterz plugs in its scoring functions.
/// </summary>
public interface IMergeScore
{
    double Score(in BoundaryStatistics boundary);
}

/// <summary>Mean affinity over the shared boundary edges: waterz's "mean affinity" (its <c>OneMinus&lt;MeanAffinity&gt;</c>).</summary>
public sealed class MeanAffinity : IMergeScore
{
    public static readonly MeanAffinity Instance = new();

    public double Score(in BoundaryStatistics boundary) => boundary.Mean;
}

/// <summary>Highest affinity on the shared boundary: single linkage, which one strong edge is enough to merge.</summary>
public sealed class MaxAffinity : IMergeScore
{
    public static readonly MaxAffinity Instance = new();

    public double Score(in BoundaryStatistics boundary) => boundary.Max;
}
