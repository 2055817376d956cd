namespace Gtgm.Transforms;

/// <summary>
/// Separable sampling of one (z, y, x) channel at the continuous input indices given per axis: the output
/// voxel (z, y, x) reads the input at (zs[z], ys[y], xs[x]). Positions beyond the first or last voxel centre
/// take the edge value. Shared by resampling to a spacing and by random zoom.
/// </summary>
static class GridSampling
{
    public static void Trilinear(ReadOnlySpan<float> src, (int D, int H, int W) shape, double[] zs, double[] ys, double[] xs, Span<float> dst)
    {
        var (z0, z1, wz) = Linear(zs, shape.D);
        var (y0, y1, wy) = Linear(ys, shape.H);
        var (x0, x1, wx) = Linear(xs, shape.W);
        int plane = shape.H * shape.W, w = shape.W, o = 0;
        for (int z = 0; z < zs.Length; z++)
        {
            int pa = z0[z] * plane, pb = z1[z] * plane;
            float fz = wz[z];
            for (int y = 0; y < ys.Length; y++)
            {
                var r00 = src.Slice(pa + y0[y] * w, w); var r01 = src.Slice(pa + y1[y] * w, w);
                var r10 = src.Slice(pb + y0[y] * w, w); var r11 = src.Slice(pb + y1[y] * w, w);
                float fy = wy[y];
                for (int x = 0; x < xs.Length; x++)
                {
                    int i0 = x0[x], i1 = x1[x];
                    float fx = wx[x];
                    float c00 = r00[i0] + fx * (r00[i1] - r00[i0]);
                    float c01 = r01[i0] + fx * (r01[i1] - r01[i0]);
                    float c10 = r10[i0] + fx * (r10[i1] - r10[i0]);
                    float c11 = r11[i0] + fx * (r11[i1] - r11[i0]);
                    float c0 = c00 + fy * (c01 - c00), c1 = c10 + fy * (c11 - c10);
                    dst[o++] = c0 + fz * (c1 - c0);
                }
            }
        }
    }

    public static void Nearest<T>(ReadOnlySpan<T> src, (int D, int H, int W) shape, double[] zs, double[] ys, double[] xs, Span<T> dst)
    {
        int[] zi = Round(zs, shape.D), yi = Round(ys, shape.H), xi = Round(xs, shape.W);
        int o = 0;
        for (int z = 0; z < zs.Length; z++)
            for (int y = 0; y < ys.Length; y++)
            {
                var row = src.Slice((zi[z] * shape.H + yi[y]) * shape.W, shape.W);
                for (int x = 0; x < xs.Length; x++) dst[o++] = row[xi[x]];
            }
    }

    /// <summary>Neighbour indices and the weight of the upper one, clamped to the grid.</summary>
    static (int[] Lo, int[] Hi, float[] Weight) Linear(double[] positions, int n)
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

    static int[] Round(double[] positions, int n)
    {
        var result = new int[positions.Length];
        for (int o = 0; o < positions.Length; o++)
            result[o] = Math.Clamp((int)Math.Round(positions[o], MidpointRounding.AwayFromZero), 0, n - 1);
        return result;
    }
}
