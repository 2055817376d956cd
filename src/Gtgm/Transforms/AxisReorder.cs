namespace Gtgm.Transforms;

/// <summary>
/// A permutation of the three voxel axes combined with per-axis flips: the exact, lossless grid operations
/// (reorientation, flips, rot90, transpose). Axes are numbered in array order, 0 = z, 1 = y, 2 = x.
/// Output axis <c>d</c> walks input axis <c>Source[d]</c>, backwards when <c>Flip[d]</c>; so output index
/// <c>o</c> along d reads input index <c>Flip[d] ? n − 1 − o : o</c> along <c>Source[d]</c>.
/// </summary>
public readonly record struct AxisReorder(int SourceZ, int SourceY, int SourceX, bool FlipZ, bool FlipY, bool FlipX)
{
    public static readonly AxisReorder Identity = new(0, 1, 2, false, false, false);

    public int Source(int d) => d switch { 0 => SourceZ, 1 => SourceY, _ => SourceX };
    public bool Flip(int d) => d switch { 0 => FlipZ, 1 => FlipY, _ => FlipX };

    public bool IsIdentity => this == Identity;

    /// <summary>This reordering followed by <paramref name="next"/>, as one.</summary>
    public AxisReorder Then(AxisReorder next)
    {
        Span<int> source = stackalloc int[3];
        Span<bool> flip = stackalloc bool[3];
        for (int d = 0; d < 3; d++)
        {
            int middle = next.Source(d);
            source[d] = Source(middle);
            flip[d] = next.Flip(d) ^ Flip(middle);
        }
        return new AxisReorder(source[0], source[1], source[2], flip[0], flip[1], flip[2]);
    }

    /// <summary>
    /// Rotation by k·90° in the axial (y, x) plane, as <c>numpy.rot90(a, k, axes=(1, 2))</c> on a (z, y, x) array:
    /// for k = 1, <c>out[z, i, j] = a[z, j, W − 1 − i]</c>.
    /// </summary>
    public static AxisReorder Rot90Axial(int k) => (((k % 4) + 4) % 4) switch
    {
        0 => Identity,
        1 => new(0, 2, 1, false, true, false),
        2 => new(0, 1, 2, false, true, true),
        _ => new(0, 2, 1, false, false, true),
    };

    /// <summary>Swaps x and y: <c>out[z, i, j] = a[z, j, i]</c>.</summary>
    public static readonly AxisReorder TransposeXY = new(0, 2, 1, false, false, false);

    public static AxisReorder Flips(bool z, bool y, bool x) => new(0, 1, 2, z, y, x);

    /// <summary>Output shape (z, y, x) for an input of shape (z, y, x).</summary>
    public (int D, int H, int W) OutputShape(int depth, int height, int width)
    {
        Span<int> n = stackalloc int[] { depth, height, width };
        return (n[SourceZ], n[SourceY], n[SourceX]);
    }

    /// <summary>Reorders <paramref name="source"/> (channels × depth × height × width, x fastest) into a new array.</summary>
    public T[] Apply<T>(ReadOnlySpan<T> source, int channels, int depth, int height, int width)
    {
        if (SourceZ + SourceY + SourceX != 3 || SourceZ == SourceY || SourceY == SourceX || SourceZ == SourceX)
            throw new InvalidOperationException($"{this} is not a permutation of the axes.");
        var result = new T[source.Length];
        Span<long> stride = stackalloc long[] { (long)height * width, width, 1 };
        Span<int> n = stackalloc int[] { depth, height, width };
        long voxels = (long)depth * height * width;
        // Signed input steps for one output step along each output axis, and where output (0,0,0) reads from.
        long sz = Step(0, stride, n, out long bz), sy = Step(1, stride, n, out long by), sx = Step(2, stride, n, out long bx);
        int od = n[SourceZ], oh = n[SourceY], ow = n[SourceX];
        long start = bz + by + bx;
        for (int c = 0; c < channels; c++)
        {
            var src = source.Slice((int)(c * voxels), (int)voxels);
            var dst = result.AsSpan((int)(c * voxels), (int)voxels);
            int o = 0;
            for (int z = 0; z < od; z++)
                for (int y = 0; y < oh; y++)
                {
                    long i = start + z * sz + y * sy;
                    if (sx == 1) { src.Slice((int)i, ow).CopyTo(dst.Slice(o, ow)); o += ow; continue; }
                    for (int x = 0; x < ow; x++, i += sx) dst[o++] = src[(int)i];
                }
        }
        return result;
    }

    long Step(int d, ReadOnlySpan<long> stride, ReadOnlySpan<int> n, out long origin)
    {
        int s = Source(d);
        origin = Flip(d) ? (n[s] - 1) * stride[s] : 0;
        return Flip(d) ? -stride[s] : stride[s];
    }

    /// <summary>
    /// The affine of the reordered grid, so every voxel keeps its world position: output column for axis d is
    /// ± the input column of <c>Source(d)</c>, and a flipped axis moves the origin to the input's last voxel.
    /// </summary>
    public double[] ApplyToAffine(double[] affine, int depth, int height, int width)
    {
        Span<int> n = stackalloc int[] { depth, height, width };
        var result = (double[])affine.Clone();
        for (int d = 0; d < 3; d++)
        {
            // Affine column for array axis a is 2 − a: the voxel index is written (x, y, z, 1).
            int outCol = 2 - d, inCol = 2 - Source(d);
            double sign = Flip(d) ? -1 : 1;
            for (int r = 0; r < 3; r++) result[r * 4 + outCol] = sign * affine[r * 4 + inCol];
        }
        for (int d = 0; d < 3; d++)
        {
            if (!Flip(d)) continue;
            int inCol = 2 - Source(d);
            for (int r = 0; r < 3; r++) result[r * 4 + 3] += (n[Source(d)] - 1) * affine[r * 4 + inCol];
        }
        return result;
    }

    public Imaging.Volume Apply(Imaging.Volume v) =>
        IsIdentity ? v : v.With(ReorderedGeometry(v.Geometry), v.Channels, Apply<float>(v.Data, v.Channels, v.Depth, v.Height, v.Width));

    public Imaging.LabelVolume Apply(Imaging.LabelVolume v) =>
        IsIdentity ? v : new(ReorderedGeometry(v.Geometry), Apply<int>(v.Data, 1, v.Depth, v.Height, v.Width));

    Imaging.VolumeGeometry ReorderedGeometry(Imaging.VolumeGeometry g)
    {
        var (d, h, w) = OutputShape(g.Depth, g.Height, g.Width);
        return g.WithShape(d, h, w, ApplyToAffine(g.Affine, g.Depth, g.Height, g.Width));
    }
}
