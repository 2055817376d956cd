using Gtgm.Imaging;

namespace Gtgm.Segmentation.Inference;

/// <summary>
/// Carries class probabilities from the grid the network saw (reoriented, resampled, cropped and padded) back
/// onto the source image's grid, through world coordinates: a source voxel (x, y, z) sits at
/// <c>A_source·(x, y, z, 1)</c> in the world and at <c>A_net⁻¹·A_source·(x, y, z, 1)</c> on the network's grid, where the
/// probabilities are interpolated trilinearly. Every preprocessing step is then undone at once, whatever
/// combination of axis flips, permutations, spacing changes and crops it was. Source voxels more than half a
/// voxel outside the network's grid (cropped away as empty) get background probability 1. The argmax of the
/// result is the label map in the source geometry (nnU-Net also resamples probabilities, not labels).
/// </summary>
public static class ProbabilityResampler
{
    /// <param name="probabilities">[K, D, H, W] (z, y, x), x fastest, on <paramref name="from"/>.</param>
    /// <returns>[K, D', H', W'] on <paramref name="to"/>.</returns>
    public static float[] ToGrid(ReadOnlySpan<float> probabilities, int classes, VolumeGeometry from, VolumeGeometry to)
    {
        long fromVoxels = from.VoxelCount, toVoxels = to.VoxelCount;
        if (probabilities.Length != classes * fromVoxels)
            throw new ArgumentException($"Expected {classes}×{fromVoxels} probabilities, got {probabilities.Length}.");
        var m = Multiply(Invert(from.Affine), to.Affine);
        var result = new float[checked(classes * toVoxels)];
        int fw = from.Width, fh = from.Height, fd = from.Depth;
        var weights = new float[8];
        var offsets = new long[8];
        long o = 0;
        for (int z = 0; z < to.Depth; z++)
        for (int y = 0; y < to.Height; y++)
        for (int x = 0; x < to.Width; x++, o++)
        {
            double i = m[0] * x + m[1] * y + m[2] * z + m[3];
            double j = m[4] * x + m[5] * y + m[6] * z + m[7];
            double k = m[8] * x + m[9] * y + m[10] * z + m[11];
            if (!Inside(i, fw) || !Inside(j, fh) || !Inside(k, fd))
            {
                result[o] = 1;
                continue;
            }
            Corners(Math.Clamp(i, 0, fw - 1), Math.Clamp(j, 0, fh - 1), Math.Clamp(k, 0, fd - 1), fw, fh, fd, weights, offsets);
            for (int c = 0; c < classes; c++)
            {
                long channel = c * fromVoxels;
                float value = 0;
                for (int n = 0; n < 8; n++) value += weights[n] * probabilities[(int)(channel + offsets[n])];
                result[c * toVoxels + o] = value;
            }
        }
        return result;
    }

    /// <summary>The most probable class per voxel ([K, voxels] in, ties to the lower class).</summary>
    public static int[] Argmax(ReadOnlySpan<float> probabilities, int classes)
    {
        int voxels = probabilities.Length / classes;
        var labels = new int[voxels];
        for (int v = 0; v < voxels; v++)
        {
            float best = probabilities[v];
            for (int c = 1; c < classes; c++)
            {
                float p = probabilities[c * voxels + v];
                if (p > best) { best = p; labels[v] = c; }
            }
        }
        return labels;
    }

    static bool Inside(double index, int n) => index >= -0.5 && index <= n - 0.5;

    static void Corners(double i, double j, double k, int w, int h, int d, float[] weights, long[] offsets)
    {
        int i0 = Math.Min((int)i, w - 1), j0 = Math.Min((int)j, h - 1), k0 = Math.Min((int)k, d - 1);
        int i1 = Math.Min(i0 + 1, w - 1), j1 = Math.Min(j0 + 1, h - 1), k1 = Math.Min(k0 + 1, d - 1);
        float fi = (float)(i - i0), fj = (float)(j - j0), fk = (float)(k - k0);
        for (int n = 0; n < 8; n++)
        {
            bool upperK = (n & 4) != 0, upperJ = (n & 2) != 0, upperI = (n & 1) != 0;
            offsets[n] = ((long)(upperK ? k1 : k0) * h + (upperJ ? j1 : j0)) * w + (upperI ? i1 : i0);
            weights[n] = (upperK ? fk : 1 - fk) * (upperJ ? fj : 1 - fj) * (upperI ? fi : 1 - fi);
        }
    }

    static double[] Multiply(double[] a, double[] b)
    {
        var r = new double[16];
        for (int row = 0; row < 4; row++)
            for (int col = 0; col < 4; col++)
                for (int n = 0; n < 4; n++)
                    r[row * 4 + col] += a[row * 4 + n] * b[n * 4 + col];
        return r;
    }

    /// <summary>Inverse of an affine 4×4 (last row 0 0 0 1): the 3×3 part by cofactors, then the translation.</summary>
    static double[] Invert(double[] a)
    {
        double m00 = a[0], m01 = a[1], m02 = a[2], m10 = a[4], m11 = a[5], m12 = a[6], m20 = a[8], m21 = a[9], m22 = a[10];
        double det = m00 * (m11 * m22 - m12 * m21) - m01 * (m10 * m22 - m12 * m20) + m02 * (m10 * m21 - m11 * m20);
        if (Math.Abs(det) < 1e-12) throw new ArgumentException("The affine is singular.");
        var inv = new double[16];
        inv[0] = (m11 * m22 - m12 * m21) / det; inv[1] = (m02 * m21 - m01 * m22) / det; inv[2] = (m01 * m12 - m02 * m11) / det;
        inv[4] = (m12 * m20 - m10 * m22) / det; inv[5] = (m00 * m22 - m02 * m20) / det; inv[6] = (m02 * m10 - m00 * m12) / det;
        inv[8] = (m10 * m21 - m11 * m20) / det; inv[9] = (m01 * m20 - m00 * m21) / det; inv[10] = (m00 * m11 - m01 * m10) / det;
        for (int r = 0; r < 3; r++)
            inv[r * 4 + 3] = -(inv[r * 4] * a[3] + inv[r * 4 + 1] * a[7] + inv[r * 4 + 2] * a[11]);
        inv[15] = 1;
        return inv;
    }
}
