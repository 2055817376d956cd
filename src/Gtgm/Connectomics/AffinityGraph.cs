using Gtgm.Imaging;

namespace Gtgm.Connectomics;

/// <summary>
/// The nearest-neighbour affinity graph of a (z, y, x) grid, x fastest: voxel i has one edge per axis c
/// (0 = z, 1 = y, 2 = x) to its neighbour i − e_c, one step back along that axis. Edge (c, i) has index
/// c·N + i (N voxels), which is also its position in a [3, D, H, W] affinity array, so
/// <c>affinities[c, z, y, x]</c> links voxel (z, y, x) with the voxel one step before it on axis c. Voxels on
/// the first slice of an axis have no edge on it (their neighbour would lie outside the volume).
/// </summary>
public readonly struct AffinityGraph
{
    public const int Axes = 3;

    public int Depth { get; }
    public int Height { get; }
    public int Width { get; }

    public AffinityGraph(int depth, int height, int width)
    {
        if (depth <= 0 || height <= 0 || width <= 0)
            throw new ArgumentException($"Grid dimensions must be positive, got {depth}×{height}×{width} (z×y×x).");
        if ((long)depth * height * width * Axes > int.MaxValue)
            throw new ArgumentException($"A {depth}×{height}×{width} grid has more affinity edges than an array can index.");
        Depth = depth; Height = height; Width = width;
    }

    /// <summary>The graph of a [3, D, H, W] affinity volume, whose values must all be finite.</summary>
    public static AffinityGraph Of(Volume affinities)
    {
        string? problem = Problem(affinities);
        if (problem != null) throw new ArgumentException(problem);
        return new AffinityGraph(affinities.Depth, affinities.Height, affinities.Width);
    }

    /// <summary>Why a volume cannot be used as affinities (not 3 channels, a non-finite value), or null.</summary>
    public static string? Problem(Volume affinities)
    {
        if (affinities.Channels != Axes) return $"affinities need {Axes} channels (z, y, x); this volume has {affinities.Channels}";
        int bad = Array.FindIndex(affinities.Data, v => !float.IsFinite(v));
        return bad < 0 ? null : $"affinity value {bad} (of {affinities.Data.Length}) is {affinities.Data[bad]}; affinities must be finite";
    }

    public int Voxels => Depth * Height * Width;

    /// <summary>Edge slots, valid or not: 3·N, the length of a [3, D, H, W] affinity array.</summary>
    public int EdgeSlots => Axes * Voxels;

    /// <summary>
    /// The two voxels of edge slot <paramref name="edge"/>: <paramref name="voxel"/> and its neighbour one step back
    /// along the edge's axis; false when that neighbour lies outside the volume.
    /// </summary>
    public bool TryEndpoints(int edge, out int voxel, out int neighbour)
    {
        int n = Voxels;
        int axis = edge / n;
        voxel = edge - axis * n;
        bool inside = axis switch
        {
            0 => voxel >= Height * Width,
            1 => voxel / Width % Height > 0,
            _ => voxel % Width > 0,
        };
        neighbour = voxel - axis switch { 0 => Height * Width, 1 => Width, _ => 1 };
        return inside;
    }
}
