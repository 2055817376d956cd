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
            GridSampling.Trilinear(v.Channel(c), (v.Depth, v.Height, v.Width), plan.Z, plan.Y, plan.X,
                data.AsSpan((int)(c * plan.Geometry.VoxelCount), (int)plan.Geometry.VoxelCount));
        return v.With(plan.Geometry, v.Channels, data);
    }

    public static LabelVolume ToSpacing(LabelVolume v, double[] spacing)
    {
        var plan = Plan(v.Geometry, spacing);
        if (plan.IsIdentity) return v;
        var data = new int[plan.Geometry.VoxelCount];
        GridSampling.Nearest<int>(v.Data, (v.Depth, v.Height, v.Width), plan.Z, plan.Y, plan.X, data);
        return new LabelVolume(plan.Geometry, data);
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
}
