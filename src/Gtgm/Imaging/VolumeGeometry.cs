namespace Gtgm.Imaging;

/// <summary>
/// Where a voxel grid sits in the world. Arrays are indexed (z, y, x) with x fastest, as in NumPy/h5py and
/// as NIfTI stores them on disk. <see cref="Affine"/> is the 4×4 row-major matrix that maps a voxel index
/// written (x, y, z, 1) — NIfTI's (i, j, k) — to world coordinates (RAS+, in <see cref="Unit"/>s), so a
/// prediction written with it lands exactly on its source image in ITK-SNAP or 3D Slicer.
/// </summary>
public sealed class VolumeGeometry
{
    public int Depth { get; }
    public int Height { get; }
    public int Width { get; }

    /// <summary>Row-major 4×4 voxel-to-world matrix; the voxel index is (x, y, z, 1).</summary>
    public double[] Affine { get; }

    /// <summary>Length unit of the affine: "mm" for medical images, "nm" for EM.</summary>
    public string Unit { get; }

    public VolumeGeometry(int depth, int height, int width, double[] affine, string unit = "mm")
    {
        if (depth <= 0 || height <= 0 || width <= 0)
            throw new ArgumentException($"Volume dimensions must be positive, got {depth}×{height}×{width} (z×y×x).");
        if (affine.Length != 16) throw new ArgumentException("The affine must have 16 entries (4×4, row-major).");
        Depth = depth; Height = height; Width = width;
        Affine = (double[])affine.Clone();
        Unit = unit;
    }

    /// <summary>An axis-aligned grid at the origin with the given spacing (z, y, x).</summary>
    public static VolumeGeometry Axial(int depth, int height, int width, double spacingZ = 1, double spacingY = 1,
        double spacingX = 1, string unit = "mm") =>
        new(depth, height, width, new double[]
        {
            spacingX, 0, 0, 0,
            0, spacingY, 0, 0,
            0, 0, spacingZ, 0,
            0, 0, 0, 1,
        }, unit);

    public long VoxelCount => (long)Depth * Height * Width;

    /// <summary>Shape as (z, y, x).</summary>
    public int[] Shape => new[] { Depth, Height, Width };

    /// <summary>Voxel spacing (z, y, x): the lengths of the affine's k, j and i columns.</summary>
    public double[] Spacing => new[] { ColumnNorm(2), ColumnNorm(1), ColumnNorm(0) };

    double ColumnNorm(int c) => Math.Sqrt(Affine[c] * Affine[c] + Affine[4 + c] * Affine[4 + c] + Affine[8 + c] * Affine[8 + c]);

    /// <summary>Same shape and, within <paramref name="tolerance"/> (in world units), the same affine.</summary>
    public bool SameGrid(VolumeGeometry other, double tolerance = 1e-3)
    {
        if (Depth != other.Depth || Height != other.Height || Width != other.Width) return false;
        for (int i = 0; i < 16; i++)
            if (Math.Abs(Affine[i] - other.Affine[i]) > tolerance * Math.Max(1, Math.Abs(Affine[i]))) return false;
        return true;
    }

    public VolumeGeometry WithShape(int depth, int height, int width, double[]? affine = null) =>
        new(depth, height, width, affine ?? Affine, Unit);

    public override string ToString()
    {
        var s = Spacing;
        return $"{Depth}×{Height}×{Width} (z×y×x) at {s[0]:0.###}×{s[1]:0.###}×{s[2]:0.###} {Unit}";
    }
}
