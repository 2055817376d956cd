using Gtgm.Imaging;

namespace Gtgm.Transforms.Preprocessing;

/// <summary>
/// Resampling to a target voxel spacing: trilinear for images, nearest neighbour for labels.
/// <para>
/// Convention: the output spacing is exactly the target, the output size along an axis is
/// <c>max(1, round(n · s / s′))</c>, and the CENTRE of the grid (the world point midway between the first and last
/// voxel centres) stays where it was. Output voxel o along an axis samples the input at continuous index
/// <c>i = (n − 1)/2 + (o − (n′ − 1)/2) · s′/s</c>; samples beyond the last voxel centre take the edge value.
/// The affine's direction columns are rescaled by s′/s, so an oblique grid stays oblique.
/// </para>
/// </summary>
public static class Resampling
{
    /// <param name="spacing">Target spacing (z, y, x) in the volume's unit.</param>
    public static Volume ToSpacing(Volume v, double[] spacing)
    {
        var plan = Plan(v.Geometry, spacing);
        if (plan.IsIdentity) return v;
        var data = new float[v.Channels * plan.Geometry.VoxelCount];
        for (int c = 0; c < v.Channels; c++)
            Trilinear(v.Channel(c), v.Geometry, plan, data.AsSpan((int)(c * plan.Geometry.VoxelCount), (int)plan.Geometry.VoxelCount));
        return v.With(plan.Geometry, v.Channels, data);
    }

    public static LabelVolume ToSpacing(LabelVolume v, double[] spacing)
    {
        var plan = Plan(v.Geometry, spacing);
        if (plan.IsIdentity) return v;
        var g = plan.Geometry;
        var data = new int[g.VoxelCount];
        int[] zi = Nearest(plan.Z, v.Depth), yi = Nearest(plan.Y, v.Height), xi = Nearest(plan.X, v.Width);
        int o = 0;
        for (int z = 0; z < g.Depth; z++)
            for (int y = 0; y < g.Height; y++)
            {
                long row = ((long)zi[z] * v.Height + yi[y]) * v.Width;
                for (int x = 0; x < g.Width; x++) data[o++] = v.Data[row + xi[x]];
            }
        return new LabelVolume(g, data);
    }

    /// <summary>The output grid and, per axis, the continuous input index each output index samples.</summary>
    public sealed record ResamplePlan(VolumeGeometry Geometry, double[] Z, double[] Y, double[] X, bool IsIdentity);

    public static ResamplePlan Plan(VolumeGeometry g, double[] spacing)
    {
        if (spacing.Length != 3 || spacing.Any(s => !(s > 0) || double.IsInfinity(s)))
            throw new ArgumentException($"Target spacing must be three positive numbers (z, y, x), got [{string.Join(", ", spacing)}].");
        var current = g.Spacing;
        int[] n = { g.Depth, g.Height, g.Width };
        var size = new int[3];
        var positions = new double[3][];
        var affine = (double[])g.Affine.Clone();
        bool identity = true;
        for (int a = 0; a < 3; a++)
        {
            double ratio = spacing[a] / current[a];
            size[a] = Math.Max(1, (int)Math.Round(n[a] / ratio, MidpointRounding.AwayFromZero));
            identity &= size[a] == n[a] && Math.Abs(ratio - 1) < 1e-9;
            double shift = (n[a] - 1) / 2.0 - (size[a] - 1) / 2.0 * ratio;
            positions[a] = new double[size[a]];
            for (int o = 0; o < size[a]; o++) positions[a][o] = shift + o * ratio;
            int col = 2 - a;
            for (int r = 0; r < 3; r++)
            {
                affine[r * 4 + 3] += g.Affine[r * 4 + col] * shift;
                affine[r * 4 + col] = g.Affine[r * 4 + col] * ratio;
            }
        }
        return new ResamplePlan(g.WithShape(size[0], size[1], size[2], affine), positions[0], positions[1], positions[2], identity);
    }

    static void Trilinear(ReadOnlySpan<float> src, VolumeGeometry g, ResamplePlan plan, Span<float> dst)
    {
        var (z0, z1, wz) = Linear(plan.Z, g.Depth);
        var (y0, y1, wy) = Linear(plan.Y, g.Height);
        var (x0, x1, wx) = Linear(plan.X, g.Width);
        long plane = (long)g.Height * g.Width;
        int w = g.Width, o = 0;
        for (int z = 0; z < plan.Z.Length; z++)
        {
            long pa = z0[z] * plane, pb = z1[z] * plane;
            float fz = wz[z];
            for (int y = 0; y < plan.Y.Length; y++)
            {
                long a0 = pa + (long)y0[y] * w, a1 = pa + (long)y1[y] * w, b0 = pb + (long)y0[y] * w, b1 = pb + (long)y1[y] * w;
                float fy = wy[y];
                for (int x = 0; x < plan.X.Length; x++)
                {
                    int i0 = x0[x], i1 = x1[x];
                    float fx = wx[x];
                    float c00 = src[(int)(a0 + i0)] + fx * (src[(int)(a0 + i1)] - src[(int)(a0 + i0)]);
                    float c01 = src[(int)(a1 + i0)] + fx * (src[(int)(a1 + i1)] - src[(int)(a1 + i0)]);
                    float c10 = src[(int)(b0 + i0)] + fx * (src[(int)(b0 + i1)] - src[(int)(b0 + i0)]);
                    float c11 = src[(int)(b1 + i0)] + fx * (src[(int)(b1 + i1)] - src[(int)(b1 + i0)]);
                    float c0 = c00 + fy * (c01 - c00), c1 = c10 + fy * (c11 - c10);
                    dst[o++] = c0 + fz * (c1 - c0);
                }
            }
        }
    }

    /// <summary>Neighbour indices and the weight of the upper one, clamped to the grid (edge values beyond it).</summary>
    internal static (int[] Lo, int[] Hi, float[] Weight) Linear(double[] positions, int n)
    {
        var lo = new int[positions.Length];
        var hi = new int[positions.Length];
        var weight = new float[positions.Length];
        for (int o = 0; o < positions.Length; o++)
        {
            double p = Math.Clamp(positions[o], 0, n - 1);
            int i = Math.Min((int)Math.Floor(p), n - 1);
            lo[o] = i;
            hi[o] = Math.Min(i + 1, n - 1);
            weight[o] = (float)(p - i);
        }
        return (lo, hi, weight);
    }

    static int[] Nearest(double[] positions, int n)
    {
        var result = new int[positions.Length];
        for (int o = 0; o < positions.Length; o++)
            result[o] = Math.Clamp((int)Math.Round(positions[o], MidpointRounding.AwayFromZero), 0, n - 1);
        return result;
    }
}
