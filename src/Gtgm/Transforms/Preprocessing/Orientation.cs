using Gtgm.Imaging;

namespace Gtgm.Transforms.Preprocessing;

/// <summary>
/// Reorientation to the canonical RAS+ voxel order (as nibabel's <c>as_closest_canonical</c> and MONAI's
/// <c>Orientation("RAS")</c>): after it, voxel x grows towards world +R, y towards
/// A and z towards S, i.e. each affine column points mostly along +R, +A, +S. Only axes are permuted and flipped
/// (no interpolation); an oblique affine keeps its obliquity, and every voxel keeps its world position.
/// </summary>
public static class Orientation
{
    /// <summary>The permutation and flips that bring a grid with <paramref name="affine"/> to RAS.</summary>
    public static AxisReorder ToRas(double[] affine)
    {
        // Which world axis (row) each voxel axis (column: 0 = i/x, 1 = j/y, 2 = k/z) runs along: assign the
        // largest direction cosine first, so a near-45° obliquity still yields a permutation.
        var cosines = new double[3, 3];
        for (int c = 0; c < 3; c++)
        {
            double norm = Math.Sqrt(affine[c] * affine[c] + affine[4 + c] * affine[4 + c] + affine[8 + c] * affine[8 + c]);
            if (norm == 0) throw new ArgumentException("The affine has a zero column; the grid has no orientation.");
            for (int r = 0; r < 3; r++) cosines[r, c] = affine[r * 4 + c] / norm;
        }
        var rowOfColumn = new int[3];
        bool[] rowUsed = new bool[3], colUsed = new bool[3];
        for (int k = 0; k < 3; k++)
        {
            int bestR = -1, bestC = -1;
            double best = -1;
            for (int r = 0; r < 3; r++)
                for (int c = 0; c < 3; c++)
                    if (!rowUsed[r] && !colUsed[c] && Math.Abs(cosines[r, c]) > best) { best = Math.Abs(cosines[r, c]); bestR = r; bestC = c; }
            rowUsed[bestR] = colUsed[bestC] = true;
            rowOfColumn[bestC] = bestR;
        }
        // Output array axis d (0 = z, 1 = y, 2 = x) must run along world axis 2 − d (S, A, R).
        Span<int> source = stackalloc int[3];
        Span<bool> flip = stackalloc bool[3];
        for (int d = 0; d < 3; d++)
        {
            int column = Array.IndexOf(rowOfColumn, 2 - d);
            source[d] = 2 - column;
            flip[d] = cosines[2 - d, column] < 0;
        }
        return new AxisReorder(source[0], source[1], source[2], flip[0], flip[1], flip[2]);
    }

    public static Volume ToRas(Volume v) => ToRas(v.Geometry.Affine).Apply(v);

    public static LabelVolume ToRas(LabelVolume v) => ToRas(v.Geometry.Affine).Apply(v);
}
