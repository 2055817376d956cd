namespace Gtgm.Imaging.Nifti;

/// <summary>
/// The voxel-to-world affine of a NIfTI header, chosen exactly as nibabel's <c>get_best_affine</c> does:
/// the sform when sform_code &gt; 0, else the qform when qform_code &gt; 0, else nibabel's fallback
/// (pixdim on the diagonal, x flipped, the volume centred on the origin). And the reverse: an affine
/// split into the qform's quaternion, offsets, voxel sizes and qfac.
/// </summary>
public static class NiftiAffine
{
    /// <summary>nibabel's tolerance for 1 − (b² + c² + d²) falling below zero through float32 rounding.</summary>
    const double QuaternionThreshold = -3 * 1.1920929e-07;

    public static double[] FromHeader(NiftiHeader h, string path)
    {
        if (h.SformCode > 0)
        {
            var a = new double[16];
            Array.Copy(h.Srow, a, 12);
            a[15] = 1;
            return a;
        }
        return h.QformCode > 0 ? FromQform(h, path) : Fallback(h);
    }

    static double[] FromQform(NiftiHeader h, string path)
    {
        double b = h.Quatern[0], c = h.Quatern[1], d = h.Quatern[2];
        double w2 = 1 - (b * b + c * c + d * d);
        if (w2 < QuaternionThreshold)
            throw UserInputException.ForFile(path, $"invalid NIfTI qform: quatern_b/c/d = ({b}, {c}, {d}) has a norm above 1");
        double a = w2 < 0 ? 0 : Math.Sqrt(w2);
        var r = QuaternionToMatrix(a, b, c, d);
        double qfac = h.PixDim[0] < 0 ? -1 : 1;
        double[] zoom = { Math.Abs(h.PixDim[1]), Math.Abs(h.PixDim[2]), Math.Abs(h.PixDim[3]) * qfac };
        var affine = new double[16];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++) affine[i * 4 + j] = r[i, j] * zoom[j];
            affine[i * 4 + 3] = h.Quatern[3 + i];
        }
        affine[15] = 1;
        return affine;
    }

    /// <summary>nibabel's <c>shape_zoom_affine</c> with x flipped: what a header with no orientation means.</summary>
    static double[] Fallback(NiftiHeader h)
    {
        long[] shape = { h.Width, h.Height, h.Depth };
        double[] zoom = new double[3];
        for (int i = 0; i < 3; i++) zoom[i] = i + 1 <= h.Rank ? h.PixDim[i + 1] : 1;
        zoom[0] = -zoom[0];
        var affine = new double[16];
        for (int i = 0; i < 3; i++)
        {
            affine[i * 4 + i] = zoom[i];
            affine[i * 4 + 3] = -(shape[i] - 1) / 2.0 * zoom[i];
        }
        affine[15] = 1;
        return affine;
    }

    /// <summary>The rotation of a quaternion (a, b, c, d) = (w, x, y, z), normalised as nibabel's <c>quat2mat</c> does.</summary>
    public static double[,] QuaternionToMatrix(double w, double x, double y, double z)
    {
        double n = w * w + x * x + y * y + z * z;
        if (n < 2.220446049250313e-16) return new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        double s = 2 / n;
        double X = x * s, Y = y * s, Z = z * s;
        double wX = w * X, wY = w * Y, wZ = w * Z;
        double xX = x * X, xY = x * Y, xZ = x * Z;
        double yY = y * Y, yZ = y * Z, zZ = z * Z;
        return new double[,]
        {
            { 1 - (yY + zZ), xY - wZ, xZ + wY },
            { xY + wZ, 1 - (xX + zZ), yZ - wX },
            { xZ - wY, yZ + wX, 1 - (xX + yY) },
        };
    }

    /// <summary>The qform of an affine: quatern_b/c/d, qoffset_x/y/z, voxel sizes and qfac.</summary>
    public static (double[] Quatern, double[] Zooms, double Qfac) ToQform(double[] affine)
    {
        var r = new double[3, 3];
        var zooms = new double[3];
        for (int j = 0; j < 3; j++)
        {
            zooms[j] = Math.Sqrt(Sq(affine[j]) + Sq(affine[4 + j]) + Sq(affine[8 + j]));
            if (zooms[j] == 0) throw new ArgumentException("The affine has a zero column: it maps a voxel axis to a point.");
            for (int i = 0; i < 3; i++) r[i, j] = affine[i * 4 + j] / zooms[j];
        }
        double qfac = 1;
        if (Determinant(r) < 0)
        {
            qfac = -1;
            for (int i = 0; i < 3; i++) r[i, 2] = -r[i, 2];
        }
        var q = MatrixToQuaternion(Orthonormalise(r));
        if (q[0] < 0) for (int i = 0; i < 4; i++) q[i] = -q[i];
        return (new[] { q[1], q[2], q[3], affine[3], affine[7], affine[11] }, zooms, qfac);
    }

    /// <summary>
    /// The nearest rotation to a nearly orthonormal matrix (polar decomposition by Newton's iteration
    /// R ← (R + R⁻ᵀ)/2), so a slightly sheared affine still gives a valid quaternion; the sform keeps the shear.
    /// </summary>
    static double[,] Orthonormalise(double[,] r)
    {
        for (int iteration = 0; iteration < 20; iteration++)
        {
            var inverseT = InverseTranspose(r);
            double change = 0;
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                {
                    double next = 0.5 * (r[i, j] + inverseT[i, j]);
                    change = Math.Max(change, Math.Abs(next - r[i, j]));
                    r[i, j] = next;
                }
            if (change < 1e-15) break;
        }
        return r;
    }

    /// <summary>Shepperd's method: picks the largest of w, x, y, z to divide by, so it stays accurate for every rotation.</summary>
    static double[] MatrixToQuaternion(double[,] m)
    {
        double trace = m[0, 0] + m[1, 1] + m[2, 2];
        double w, x, y, z;
        if (trace > 0)
        {
            double s = 2 * Math.Sqrt(1 + trace);
            w = s / 4; x = (m[2, 1] - m[1, 2]) / s; y = (m[0, 2] - m[2, 0]) / s; z = (m[1, 0] - m[0, 1]) / s;
        }
        else if (m[0, 0] > m[1, 1] && m[0, 0] > m[2, 2])
        {
            double s = 2 * Math.Sqrt(1 + m[0, 0] - m[1, 1] - m[2, 2]);
            w = (m[2, 1] - m[1, 2]) / s; x = s / 4; y = (m[0, 1] + m[1, 0]) / s; z = (m[0, 2] + m[2, 0]) / s;
        }
        else if (m[1, 1] > m[2, 2])
        {
            double s = 2 * Math.Sqrt(1 + m[1, 1] - m[0, 0] - m[2, 2]);
            w = (m[0, 2] - m[2, 0]) / s; x = (m[0, 1] + m[1, 0]) / s; y = s / 4; z = (m[1, 2] + m[2, 1]) / s;
        }
        else
        {
            double s = 2 * Math.Sqrt(1 + m[2, 2] - m[0, 0] - m[1, 1]);
            w = (m[1, 0] - m[0, 1]) / s; x = (m[0, 2] + m[2, 0]) / s; y = (m[1, 2] + m[2, 1]) / s; z = s / 4;
        }
        double n = Math.Sqrt(w * w + x * x + y * y + z * z);
        return new[] { w / n, x / n, y / n, z / n };
    }

    static double Determinant(double[,] m) =>
        m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1])
        - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
        + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);

    /// <summary>(M⁻¹)ᵀ = cofactor(M) / det(M).</summary>
    static double[,] InverseTranspose(double[,] m)
    {
        double det = Determinant(m);
        var c = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                int i1 = (i + 1) % 3, i2 = (i + 2) % 3, j1 = (j + 1) % 3, j2 = (j + 2) % 3;
                c[i, j] = (m[i1, j1] * m[i2, j2] - m[i1, j2] * m[i2, j1]) / det;
            }
        return c;
    }

    static double Sq(double v) => v * v;
}
