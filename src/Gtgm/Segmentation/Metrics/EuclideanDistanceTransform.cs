namespace Gtgm.Segmentation.Metrics;

/// <summary>
/// Exact squared Euclidean distance transform on an anisotropic grid (Felzenszwalb &amp; Huttenlocher, 2012):
/// three passes of the 1-D lower-envelope-of-parabolas algorithm, along x, then y, then z. Each pass is
/// O(n), so the whole transform is linear in the voxel count.
/// </summary>
static class EuclideanDistanceTransform
{
    /// <summary>For each voxel, the squared world distance to the nearest voxel where <paramref name="sites"/> is true
    /// (+∞ everywhere when there is none).</summary>
    public static double[] SquaredDistanceToNearest(bool[] sites, int[] shape, double[] spacing)
    {
        int d = shape[0], h = shape[1], w = shape[2];
        var f = new double[sites.Length];
        for (int i = 0; i < f.Length; i++) f[i] = sites[i] ? 0 : double.PositiveInfinity;
        int n = Math.Max(d, Math.Max(h, w));
        var line = new double[n];
        var output = new double[n];
        var envelope = new int[n];
        var bounds = new double[n + 1];
        // Along x: stride 1; along y: stride w; along z: stride w*h.
        Pass(f, w, 1, d * h, i => i * w, spacing[2], line, output, envelope, bounds);
        Pass(f, h, w, d * w, i => (i / w) * w * h + i % w, spacing[1], line, output, envelope, bounds);
        Pass(f, d, w * h, h * w, i => i, spacing[0], line, output, envelope, bounds);
        return f;
    }

    static void Pass(double[] f, int length, int stride, int lines, Func<int, int> lineStart, double spacing,
        double[] line, double[] output, int[] envelope, double[] bounds)
    {
        // (i - q)² s² + f(q) = s² ((i - q)² + f(q)/s²): transform in index units on f/s², then scale back.
        double s2 = spacing * spacing;
        for (int l = 0; l < lines; l++)
        {
            int start = lineStart(l);
            for (int i = 0; i < length; i++) line[i] = f[start + i * stride] / s2;
            Transform1D(line, length, output, envelope, bounds);
            for (int i = 0; i < length; i++) f[start + i * stride] = output[i] * s2;
        }
    }

    static void Transform1D(double[] f, int n, double[] d, int[] v, double[] z)
    {
        int k = -1;
        for (int q = 0; q < n; q++)
        {
            if (double.IsPositiveInfinity(f[q])) continue;
            if (k < 0) { k = 0; v[0] = q; z[0] = double.NegativeInfinity; z[1] = double.PositiveInfinity; continue; }
            double s;
            while (true)
            {
                // z[0] = -inf, so the envelope never empties.
                s = (f[q] + (double)q * q - (f[v[k]] + (double)v[k] * v[k])) / (2.0 * (q - v[k]));
                if (s > z[k]) break;
                k--;
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = double.PositiveInfinity;
        }
        if (k < 0)
        {
            for (int q = 0; q < n; q++) d[q] = double.PositiveInfinity;
            return;
        }
        int j = 0;
        for (int q = 0; q < n; q++)
        {
            while (z[j + 1] < q) j++;
            double diff = q - v[j];
            d[q] = diff * diff + f[v[j]];
        }
    }
}
