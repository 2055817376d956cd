using Gtgm.Imaging.Nifti;

namespace Gtgm.Tests.Imaging;

public class NiftiAffineTests
{
    static NiftiHeader Header(int qformCode, int sformCode, double[] pixdim, double[] quatern, double[]? srow = null) => new()
    {
        DataType = NiftiDataType.Int16,
        Dim = new long[] { 3, 4, 5, 6, 1, 1, 1, 1 },
        PixDim = pixdim,
        VoxOffset = 352,
        QformCode = qformCode,
        SformCode = sformCode,
        Quatern = quatern,
        Srow = srow ?? new double[12],
    };

    static void AssertAffine(double[] expected, double[] actual, int digits = 9)
    {
        for (int i = 0; i < 16; i++) Assert.Equal(expected[i], actual[i], digits);
    }

    [Fact]
    public void Qform_of_a_90_degree_turn_about_z_with_qfac_minus_one()
    {
        // b = c = 0, d = sin 45°, so a = cos 45° and R = [[0,-1,0],[1,0,0],[0,0,1]].
        // M = R · diag(2, 3, 4 · qfac) with qfac = −1 gives [[0,-3,0],[2,0,0],[0,0,-4]]; the translation is qoffset.
        var h = Header(1, 0, new double[] { -1, 2, 3, 4, 1, 1, 1, 1 }, new[] { 0, 0, Math.Sqrt(0.5), 5, 6, 7 });
        AssertAffine(new double[] { 0, -3, 0, 5, 2, 0, 0, 6, 0, 0, -4, 7, 0, 0, 0, 1 }, NiftiAffine.FromHeader(h, "test"));
    }

    [Fact]
    public void Qform_of_a_general_quaternion_matches_nibabel()
    {
        // Reference: nibabel 5.0.0 get_best_affine() of a Nifti1Header with these fields (float32 as stored).
        var h = Header(1, 0, new double[] { -1, 0.5f, 0.75f, 2, 1, 1, 1, 1 }, new double[] { 0.1f, 0.2f, 0.3f, 10, -20, 30 });
        var nibabel = new[]
        {
            0.369999991655, -0.387312845889, -0.861889493523, 10,
            0.298208565118, 0.599999988824, 0.13094473037, -20,
            -0.155472370103, 0.229104283724, -1.79999999404, 30,
            0, 0, 0, 1,
        };
        AssertAffine(nibabel, NiftiAffine.FromHeader(h, "test"), 6);
    }

    [Fact]
    public void Sform_wins_when_its_code_is_set()
    {
        var srow = new double[] { 1, 0.1, 0, -5, 0, 2, 0.2, -6, 0.3, 0, 3, -7 };
        var h = Header(1, 2, new double[] { 1, 9, 9, 9, 1, 1, 1, 1 }, new double[] { 0, 0, 1, 0, 0, 0 }, srow);
        AssertAffine(srow.Append(0).Append(0).Append(0).Append(1).ToArray(), NiftiAffine.FromHeader(h, "test"));
    }

    [Fact]
    public void No_orientation_falls_back_to_nibabels_centred_x_flipped_grid()
    {
        // shape (4, 5, 6), zooms (2, 3, 4): diag(-2, 3, 4), origin −(shape−1)/2 · zooms = (3, −6, −10).
        var h = Header(0, 0, new double[] { 1, 2, 3, 4, 1, 1, 1, 1 }, new double[6]);
        AssertAffine(new double[] { -2, 0, 0, 3, 0, 3, 0, -6, 0, 0, 4, -10, 0, 0, 0, 1 }, NiftiAffine.FromHeader(h, "test"));
    }

    [Fact]
    public void Affine_to_qform_matches_nibabels_set_qform()
    {
        // nibabel 5.0.0 set_qform of this affine: quatern (0, 0, 0.70710677), pixdim (-1, 2, 3, 4).
        var (quatern, zooms, qfac) = NiftiAffine.ToQform(new double[] { 0, -3, 0, 5, 2, 0, 0, 6, 0, 0, -4, 7, 0, 0, 0, 1 });
        Assert.Equal(-1, qfac);
        Assert.Equal(new double[] { 2, 3, 4 }, zooms);
        AssertAffine(new[] { 0, 0, Math.Sqrt(0.5), 5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, quatern.Concat(new double[10]).ToArray());
    }

    [Fact]
    public void A_quaternion_longer_than_one_is_rejected()
    {
        var h = Header(1, 0, new double[] { 1, 1, 1, 1, 1, 1, 1, 1 }, new double[] { 0.8, 0.8, 0, 0, 0, 0 });
        var e = Assert.Throws<UserInputException>(() => NiftiAffine.FromHeader(h, "q.nii"));
        Assert.StartsWith("q.nii: invalid NIfTI qform", e.Message);
    }
}
